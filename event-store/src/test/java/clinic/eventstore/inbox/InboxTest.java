package clinic.eventstore.inbox;

import clinic.eventstore.EventStore;
import clinic.eventstore.NewEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class InboxTest {

    @Inject
    Inbox inbox;
    @Inject
    EventStore store;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    static IncomingEvent incoming() {
        return new IncomingEvent(UUID.randomUUID(), "complaint.filed.v1", "/clinic/complaint-service", "c-1",
                Instant.now(), UUID.randomUUID(), "SH001", 1, "{}");
    }

    @Test
    void the_same_event_delivered_twice_has_one_effect() {
        IncomingEvent event = incoming();
        String stream = "inbox-" + UUID.randomUUID();
        AtomicInteger effects = new AtomicInteger();

        for (int delivery = 0; delivery < 2; delivery++) {
            inbox.processOnce("test-consumer", event, e -> {
                effects.incrementAndGet();
                store.append(stream, store.currentVersion(stream),
                        List.of(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{}", Instant.now())), e.causing("test"));
            });
        }

        assertThat(effects).hasValue(1);
        assertThat(store.load(stream)).hasSize(1);
        assertThat(store.load(stream).getFirst().causationId()).isEqualTo(event.id());
        assertThat(inbox.seen("test-consumer", event.id())).isTrue();
        assertThat(inbox.seen("another-consumer", event.id())).isFalse();
    }

    @Test
    void an_effect_that_fails_leaves_the_event_unprocessed_and_changes_nothing() {
        IncomingEvent event = incoming();
        String stream = "inbox-" + UUID.randomUUID();

        assertThatThrownBy(() -> inbox.processOnce("test-consumer", event, e -> {
            store.append(stream, 0, List.of(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{}", Instant.now())),
                    e.causing("test"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.load(stream)).isEmpty();
        assertThat(inbox.seen("test-consumer", event.id())).isFalse();
    }

    @Test
    void an_effect_continues_the_trace_of_the_event_that_caused_it_and_logs_under_its_correlation() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        IncomingEvent plain = incoming();
        IncomingEvent event = new IncomingEvent(plain.id(), plain.type(), plain.source(), plain.subject(), plain.time(),
                plain.correlationId(), plain.branchId(), plain.sequence(), plain.payload(),
                "00-" + traceId + "-b7ad6b7169203331-01");
        String stream = "inbox-" + UUID.randomUUID();
        java.util.concurrent.atomic.AtomicReference<Object> loggedCorrelation = new java.util.concurrent.atomic.AtomicReference<>();

        inbox.processOnce("test-consumer", event, e -> {
            loggedCorrelation.set(org.jboss.logging.MDC.get(clinic.eventstore.observe.Tracing.CORRELATION_ID));
            store.append(stream, 0, List.of(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{}", Instant.now())),
                    e.causing("test"));
        });

        assertThat(loggedCorrelation.get()).isEqualTo(event.correlationId().toString());
        assertThat(org.jboss.logging.MDC.get(clinic.eventstore.observe.Tracing.TRACE_ID)).as("put back afterwards").isNull();
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("select trace_parent from events where stream_id = ?")) {
            ps.setString(1, stream);
            try (var rs = ps.executeQuery()) {
                rs.next();
                String stored = rs.getString(1);
                assertThat(clinic.eventstore.observe.Tracing.traceIdOf(stored)).isEqualTo(traceId);
                assertThat(stored).as("a span of its own").isNotEqualTo(event.traceParent());
            }
        }
    }

    /** A record as a relay publishes it: the event's CloudEvents headers, its stream as the key. */
    static org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record(UUID eventId, String stream, long offset) {
        clinic.eventstore.StoredEvent e = new clinic.eventstore.StoredEvent(offset, eventId, stream, 1, "test.noted.v1", "{}",
                Instant.now(), Instant.now(), "SH001", "test", UUID.randomUUID(), null);
        return new org.apache.kafka.clients.consumer.ConsumerRecord<>("test-events", 0, offset, System.currentTimeMillis(),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 2, stream, "{}",
                clinic.eventstore.relay.CloudEventHeaders.of(e, "/clinic/test"), java.util.Optional.empty());
    }

    @Test
    void a_poll_is_one_transaction_and_a_duplicate_or_a_poison_message_in_it_changes_only_itself() throws Exception {
        String consumer = "batch-consumer-" + UUID.randomUUID();
        String run = "batch-" + UUID.randomUUID() + "-";
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        // processed by an earlier poll
        inbox.processOnce(consumer, IncomingEvent.from(record(before, run + "before", 0)), e -> {
        });
        java.util.Map<String, Integer> effects = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> handler = r -> {
            if (r.key().endsWith("poison")) {
                throw new MalformedMessage("payload unreadable: test");
            }
            inbox.processOnce(consumer, IncomingEvent.from(r), e -> {
                effects.merge(r.key(), 1, Integer::sum);
                store.append(r.key(), store.currentVersion(r.key()),
                        List.of(new NewEvent(UUID.randomUUID(), "test.noted.v1", "{}", Instant.now())), e.causing("test"));
            });
        };

        // a clean poll: every effect and inbox row in one transaction
        List<UUID> clean = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        boolean together = inbox.process(consumer, List.of(record(clean.get(0), run + "a", 1), record(clean.get(1), run + "b", 2),
                record(clean.get(2), run + "a", 3)), handler, (i, e) -> {
            throw new AssertionError("nothing failed", e);
        });
        assertThat(together).isTrue();
        assertThat(transactionsOf(run + "a", run + "b")).as("one commit for the poll").isEqualTo(1);
        assertThat(store.load(run + "a")).extracting(clinic.eventstore.StoredEvent::causationId)
                .as("in the poll's order").containsExactly(clean.get(0), clean.get(2));

        // a poll with a duplicate, an event processed before and a poison message
        List<Integer> failed = new java.util.ArrayList<>();
        List<RuntimeException> reasons = new java.util.ArrayList<>();
        together = inbox.process(consumer, List.of(record(first, run + "c", 4), record(first, run + "c", 5),
                record(UUID.randomUUID(), run + "poison", 6), record(before, run + "before", 7), record(second, run + "d", 8)),
                handler, (i, e) -> {
                    failed.add(i);
                    reasons.add(e);
                });

        assertThat(together).as("rolled back and processed one at a time").isFalse();
        assertThat(failed).as("only the poison message fails").containsExactly(2);
        assertThat(reasons.getFirst()).hasMessageContaining("payload unreadable");
        // (the rolled-back attempt ran the effects once already: what counts is what committed)
        assertThat(effects).as("processed by an earlier poll").doesNotContainKey(run + "before");
        assertThat(store.load(run + "c")).hasSize(1);
        assertThat(store.load(run + "d")).hasSize(1);
        assertThat(inbox.seen(consumer, first)).isTrue();
        assertThat(inbox.seen(consumer, second)).isTrue();

        // the same poll again (a redelivery after a rebalance): nothing more happens
        inbox.process(consumer, List.of(record(first, run + "c", 4), record(second, run + "d", 8)), handler, (i, e) -> {
            throw new AssertionError("nothing failed", e);
        });
        assertThat(store.load(run + "c")).hasSize(1);
        assertThat(store.load(run + "d")).hasSize(1);
    }

    private long transactionsOf(String... streams) throws Exception {
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("select count(distinct transaction_id) from events where stream_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", streams));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
