package clinic.eventstore.relay;

import java.time.Duration;

/** Relay settings for tests that run a relay of their own: a name and topic of its own, the services' defaults else. */
record RelaySettings(String topic, String name, Duration pollInterval, Duration stuckAfter) implements RelayConfig {

    /** As the services run it. */
    static RelaySettings production(String topic, String name) {
        return new RelaySettings(topic, name, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public boolean enabled() {
        return true;
    }

    public String source() {
        return "/clinic/event-store-test";
    }

    public int batchSize() {
        return 500;
    }

    public Duration leaderRetry() {
        return Duration.ofSeconds(1);
    }

    public int maxRecordBytes() {
        return 1_000_000;
    }
}
