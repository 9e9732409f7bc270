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
}
