package clinic.eventstore.relay;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTooLarge;
import clinic.eventstore.NewEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One event can never stop a service's publishing unseen: refused at the door, or reported by the health check. */
@QuarkusTest
class RelayRefusalTest {

    @Inject
    EventStore store;
    @Inject
    RecordLimit limit;
    @Inject
    AgroalDataSource dataSource;
    @jakarta.inject.Inject
    KafkaClientSettings kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    OutboxRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void an_event_larger_than_the_topic_takes_is_refused_before_it_is_stored() {
        String stream = "too-large-" + run;
        String payload = "{\"name\":\"" + "x".repeat((int) limit.bytes()) + "\"}";
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(new NewEvent(UUID.randomUUID(), "test.noted.v1", payload, Instant.now())),
                new EventMetadata("SH001", "test", UUID.randomUUID(), null))))
                .isInstanceOf(EventTooLarge.class)
                .hasMessageContaining("at most " + limit.bytes());
        assertThat(store.load(stream)).isEmpty();
    }

    @Test
    void a_relay_the_broker_keeps_refusing_turns_its_health_check_down_naming_the_event() throws Exception {
        String topic = "small-records-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "4096")))).all().get();
        }
        // this relay starts after what the other tests stored: only the refused event is its to publish (hundreds of
        // earlier events in the same batch made the broker's refusal arrive as out-of-sequence errors on their heels)
        RelayConfig settings = settings(topic);
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                insert into outbox_checkpoints (relay, last_transaction_id, last_position)
                select ?, coalesce(max(transaction_id), '0'::xid8), coalesce(max(global_position), 0) from events""")) {
            ps.setString(1, settings.name());
            ps.executeUpdate();
        }
        // accepted by the store (its limit is the default topic's), refused by this topic's broker limit
        UUID eventId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append("refused-" + run, 0,
                List.of(new NewEvent(eventId, "test.noted.v1", "{\"note\":\"" + "y".repeat(20_000) + "\"}", Instant.now())),
                new EventMetadata("SH001", "test", UUID.randomUUID(), null)));
        relay = new OutboxRelay(settings, jdbcUrl, "postgres", Optional.of("postgres"), kafka);
        RelayHealthCheck health = new RelayHealthCheck(relay, settings, new RelayBacklog(dataSource, settings), kafka);
        relay.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> health.call().getStatus() == HealthCheckResponse.Status.DOWN);
        Map<String, Object> data = health.call().getData().orElseThrow();
        assertThat(data).containsEntry("stuckEventId", eventId.toString())
                .containsEntry("stuckStream", "refused-" + run);
        assertThat(String.valueOf(data.get("stuckError"))).contains("RecordTooLarge");
        assertThat(relay.stuck().eventId()).isEqualTo(eventId);
    }

    private RelayConfig settings(String topic) {
        return new RelaySettings(topic, "relay-refusal-" + run, Duration.ofMillis(200), Duration.ofSeconds(2));
    }
}
