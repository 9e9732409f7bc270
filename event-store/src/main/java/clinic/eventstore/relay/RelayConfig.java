package clinic.eventstore.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code event-store.relay.*}: where and how the outbox relay publishes this service's events. */
@ConfigMapping(prefix = "event-store.relay")
public interface RelayConfig {

    /** Off in tests that drive the relay themselves. */
    @WithDefault("true")
    boolean enabled();

    /** The service's events topic, e.g. {@code complaint-events}. */
    String topic();

    /** CloudEvents {@code source}, e.g. {@code /clinic/complaint-service}. */
    String source();

    /** Names the checkpoint and the leader lock; two instances of a service share it. */
    @WithDefault("${quarkus.application.name}")
    String name();

    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for a commit notification before it looks anyway. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often a relay that is not the leader asks again. */
    @WithDefault("2s")
    Duration leaderRetry();

    /**
     * The largest record (key, value and headers) an event may become. Appends above it are refused; the topic's own
     * {@code max.message.bytes}, when smaller, wins. Kafka's defaults (topic and producer) are 1 MiB.
     */
    @WithDefault("1000000")
    int maxRecordBytes();

    /** How long the relay may fail to move past one event before its health check turns DOWN. */
    @WithDefault("60s")
    Duration stuckAfter();
}
