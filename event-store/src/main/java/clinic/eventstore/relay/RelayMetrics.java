package clinic.eventstore.relay;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;

/**
 * The relay on the Prometheus endpoint: its backlog in events ({@code clinic_relay_backlog_events}), how long the
 * oldest unpublished event has waited ({@code clinic_relay_backlog_age_seconds}), and what it published. The backlog is
 * read when Prometheus scrapes, at most once a second, and reads as NaN (no data) while the database cannot be reached.
 */
@ApplicationScoped
public class RelayMetrics {

    private final RelayConfig config;
    private final RelayBacklog backlog;
    private final OutboxRelay relay;
    private volatile RelayBacklog.Backlog last;
    private volatile Instant readAt = Instant.EPOCH;

    public RelayMetrics(RelayConfig config, RelayBacklog backlog, OutboxRelay relay) {
        this.config = config;
        this.backlog = backlog;
        this.relay = relay;
    }

    void register(@Observes StartupEvent ignored, MeterRegistry meters) {
        if (!config.enabled()) {
            return;
        }
        Gauge.builder("clinic.relay.backlog.events", this, m -> m.read() == null ? Double.NaN : m.read().events())
                .description("Events appended but not yet published to Kafka").tag("topic", config.topic())
                .register(meters);
        Gauge.builder("clinic.relay.backlog.age", this, m -> m.read() == null ? Double.NaN : m.read().oldestAgeSeconds())
                .description("How long the oldest event not yet published has waited").baseUnit("seconds")
                .tag("topic", config.topic()).register(meters);
        FunctionCounter.builder("clinic.relay.published", relay, OutboxRelay::publishedCount)
                .description("Events this instance published since it started").baseUnit("events")
                .tag("topic", config.topic()).register(meters);
        Gauge.builder("clinic.relay.leader", relay, r -> r.isLeader() ? 1 : 0)
                .description("1 on the instance that relays, 0 on a standby").tag("topic", config.topic())
                .register(meters);
    }

    private synchronized RelayBacklog.Backlog read() {
        Instant now = Instant.now();
        if (Duration.between(readAt, now).toMillis() >= 1000) {
            readAt = now;
            try {
                last = backlog.now();
            } catch (RuntimeException e) {
                last = null;
            }
        }
        return last;
    }
}
