package clinic.eventstore.relay;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
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

    /** The size of the record an event becomes, estimated from above. */
    public static long recordBytes(String streamId, String payload, String type, String actor, String branchId) {
        return ENVELOPE_BYTES + utf8(streamId) * 2L + utf8(payload) + utf8(type) + utf8(actor) + utf8(branchId);
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
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
