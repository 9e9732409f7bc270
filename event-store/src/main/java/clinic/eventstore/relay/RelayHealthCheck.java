package clinic.eventstore.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the event pipeline: the Kafka broker answers, and how far behind the relay is (events committed but
 * not yet published), so operations can see a stuck relay on {@code /q/health}.
 */
@Readiness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final RelayConfig config;
    private final RelayBacklog backlog;
    private final KafkaClientSettings kafka;
    private volatile Admin admin;

    public RelayHealthCheck(OutboxRelay relay, RelayConfig config, RelayBacklog backlog, KafkaClientSettings kafka) {
        this.relay = relay;
        this.config = config;
        this.backlog = backlog;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.enabled()) {
            return HealthCheckResponse.named("event relay to Kafka").up()
                    .withData("relay", "off: this service publishes nothing").build();
        }
        var builder = HealthCheckResponse.named("event relay to Kafka")
                .withData("topic", config.topic())
                .withData("role", relay.isLeader() ? "leader" : "standby")
                .withData("publishedSinceStart", relay.publishedCount());
        try {
            int nodes = admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            builder.withData("kafkaBrokers", nodes);
        } catch (Exception e) {
            return builder.down().withData("kafka", "unreachable: " + e.getClass().getSimpleName()).build();
        }
        try {
            RelayBacklog.Backlog b = backlog.now();
            builder.withData("unpublishedEvents", b.events())
                    .withData("oldestUnpublishedSeconds", Math.round(b.oldestAgeSeconds()));
        } catch (Exception e) {
            return builder.down().withData("database", "unreachable: " + e.getClass().getSimpleName()).build();
        }
        OutboxRelay.Stuck stuck = relay.stuck();
        if (stuck != null) {
            builder.withData("stuckEventId", stuck.eventId().toString())
                    .withData("stuckStream", stuck.streamId())
                    .withData("stuckPosition", stuck.position())
                    .withData("stuckSince", stuck.since().toString())
                    .withData("stuckError", stuck.error());
            if (stuck.since().plus(config.stuckAfter()).isBefore(java.time.Instant.now())) {
                return builder.down().withData("relay", "cannot move past event " + stuck.eventId()
                        + "; see the README's Operations section").build();
            }
        }
        return builder.up().build();
    }

    /** The admin client's settings: short timeouts, and the broker's address and security shared with the consumers. */
    Map<String, Object> adminSettings() {
        return kafka.with(Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminSettings());
                }
            }
        }
        return admin;
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
