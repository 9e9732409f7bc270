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
}
