package clinic.eventstore.relay;

import clinic.eventstore.EventTooLarge;
import clinic.eventstore.StoredEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How large a record this service's topic takes: {@code event-store.relay.max-record-bytes}, or the topic's
 * {@code max.message.bytes} when that is smaller (read from the broker at start-up, in the background). The event
 * store refuses to append an event that would exceed it, since the relay could never publish it.
 */
@ApplicationScoped
public class RecordLimit {

    private static final Logger LOG = Logger.getLogger(RecordLimit.class);
    /** What the envelope adds to key and value: the CloudEvents headers and Kafka's record overhead, generously. */
    static final int ENVELOPE_BYTES = 1024;

    private final RelayConfig config;
    private final String bootstrapServers;
    private volatile long limit;

    public RecordLimit(RelayConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.limit = config.maxRecordBytes();
    }

    void onStart(@Observes StartupEvent ignored) {
        Thread.ofVirtual().name("record-limit").start(this::readTopicLimit);
    }

    /** The largest record, in bytes, the topic takes. */
    public long bytes() {
        return limit;
    }

    /**
     * Refuses, before it goes to the database, a payload too large already by its character count (a lower bound of
     * its UTF-8 size): no counting, no copy.
     */
    public void refuseClearlyTooLarge(String type, String payload) {
        if (payload.length() > limit) {
            throw new EventTooLarge(type, payload.length(), limit);
        }
    }

    /**
     * Refuses an event whose record, estimated from above, would be larger than the topic takes; {@code payload} as
     * PostgreSQL writes it back, which is what the relay publishes (a little longer than what was sent).
     */
    public void refuseTooLarge(StoredEvent e) {
        long bytes = ENVELOPE_BYTES + utf8(e.streamId()) * 2L + utf8(e.payload()) + utf8(e.type()) + utf8(e.actor())
                + utf8(e.branchId());
        if (bytes > limit) {
            throw new EventTooLarge(e.type(), bytes, limit);
        }
    }

    /** UTF-8 length without encoding a copy (the payload may be most of a megabyte, on every append). */
    static long utf8(String s) {
        if (s == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void readTopicLimit() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
            var entry = admin.describeConfigs(List.of(topic)).all().get(6, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null) {
                limit = Math.min(config.maxRecordBytes(), Long.parseLong(entry.value()));
            }
        } catch (Exception e) {
            // the topic may not exist yet (the broker's default applies then) or the broker is away: keep the setting
            LOG.debugf("topic %s: max.message.bytes not read (%s); records are held to %d bytes", config.topic(),
                    e.getClass().getSimpleName(), limit);
        }
    }
}
