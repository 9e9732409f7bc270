package clinic.eventstore.relay;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.NewEvent;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.observe.Tracing;
import clinic.eventstore.operations.Redrive;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An operator publishes again what the relay published before: exactly those events, as the relay sent them (the
 * same ids, so consumers' inboxes know them), with the trace context of the request that appended them; never an
 * event the relay has yet to publish.
 */
@QuarkusTest
class RedriveTest {

    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    KafkaClientSettings kafka;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String topic = "redrive-test-" + run;
    OutboxRelay relay;
    Redrive redrive;

    @BeforeEach
    void relay() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        RelayConfig settings = RelaySettings.production(topic, "redrive-" + run);
        // this relay starts after what the other tests stored: only this test's events are its to publish
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                insert into outbox_checkpoints (relay, last_transaction_id, last_position)
                select ?, coalesce(max(transaction_id), '0'::xid8), coalesce(max(global_position), 0) from events""")) {
            ps.setString(1, settings.name());
            ps.executeUpdate();
        }
        relay = new OutboxRelay(settings, jdbcUrl, "postgres", Optional.of("postgres"), kafka);
        redrive = new Redrive(dataSource, relay);
    }

    @AfterEach
    void stop() {
        relay.stop();
    }

    @Test
    void a_stream_or_a_range_is_published_again_as_the_relay_sent_it_and_nothing_it_has_not_sent() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String a = "case-a-" + run;
        String b = "case-b-" + run;
        try (var scope = Tracing.begin(traceparent, null)) {
            append(a, 0, 2);
            append(b, 0, 1);
            append(a, 2, 1);
        }
        relay.start();
        List<ConsumerRecord<String, String>> first = consume(4);
        relay.stop();
        StoredEvent unpublished = append(a, 3, 1).getFirst(); // the relay is stopped: this one is not on Kafka yet

        Redrive.Result again = redrive.stream(a);

        assertThat(again.published()).isEqualTo(3);
        List<ConsumerRecord<String, String>> all = consume(7);
        List<ConsumerRecord<String, String>> redriven = all.subList(4, 7);
        assertThat(redriven).extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactlyElementsOf(store.load(a).subList(0, 3).stream().map(e -> e.eventId().toString()).toList())
                .doesNotContain(unpublished.eventId().toString());
        assertThat(redriven).extracting(r -> header(r, CloudEventHeaders.SEQUENCE)).containsExactly("1", "2", "3");
        // the same record: key, value, envelope; and the trace of the request that appended it
        ConsumerRecord<String, String> original = first.stream()
                .filter(r -> header(r, CloudEventHeaders.ID).equals(header(redriven.getFirst(), CloudEventHeaders.ID)))
                .findFirst().orElseThrow();
        assertThat(redriven.getFirst().key()).isEqualTo(original.key());
        assertThat(redriven.getFirst().value()).isEqualTo(original.value());
        assertThat(header(redriven.getFirst(), CloudEventHeaders.TRACEPARENT))
                .isEqualTo(header(original, CloudEventHeaders.TRACEPARENT));
        assertThat(Tracing.traceIdOf(header(original, CloudEventHeaders.TRACEPARENT)))
                .as("a span of the request's trace").isEqualTo(Tracing.traceIdOf(traceparent));
        assertThat(header(redriven.getFirst(), CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(header(original, CloudEventHeaders.CORRELATION_ID));

        // a range of positions: b's event and a's third lie within it, a's fourth (unpublished) is left alone
        long from = store.load(b).getFirst().globalPosition();
        Redrive.Result range = redrive.range(from, unpublished.globalPosition());
        assertThat(range.published()).isEqualTo(2);
        assertThat(consume(9).subList(7, 9)).extracting(r -> header(r, CloudEventHeaders.ID)).containsExactlyInAnyOrder(
                store.load(b).getFirst().eventId().toString(), store.load(a).get(2).eventId().toString());
    }

    @Test
    void a_range_that_is_backwards_too_wide_or_names_no_stream_is_refused() {
        assertThatThrownBy(() -> redrive.range(10, 5)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("toPosition"));
        assertThatThrownBy(() -> redrive.range(0, 5)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("fromPosition"));
        assertThatThrownBy(() -> redrive.range(1, 2_000_000)).isInstanceOfSatisfying(InvalidField.class,
                e -> assertThat(e.field()).isEqualTo("toPosition"));
        assertThatThrownBy(() -> redrive.stream("no-such-" + run)).isInstanceOf(Redrive.UnknownStream.class);
    }

    private List<StoredEvent> append(String stream, long version, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{\"n\":" + (version + i) + "}", Instant.now()));
        }
        return QuarkusTransaction.requiringNew().call(() -> store.append(stream, version, events,
                new EventMetadata("SH001", "test", UUID.randomUUID(), null)));
    }

    /** The topic's records so far, in the order each partition holds them; waits until there are {@code count}. */
    private List<ConsumerRecord<String, String>> consume(int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "redrive-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).as("records on " + topic).hasSize(count);
        // in the order they were written: by timestamp, then offset (one stream's records share a partition)
        records.sort((x, y) -> x.timestamp() != y.timestamp() ? Long.compare(x.timestamp(), y.timestamp())
                : x.partition() != y.partition() ? Integer.compare(x.partition(), y.partition())
                : Long.compare(x.offset(), y.offset()));
        return records;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
