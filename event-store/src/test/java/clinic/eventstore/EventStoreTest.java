package clinic.eventstore;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class EventStoreTest {

    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;

    static NewEvent event(String type, String json, Instant at) {
        return new NewEvent(UUID.randomUUID(), type, json, at);
    }

    static EventMetadata meta() {
        return new EventMetadata("SH001", "staff:42", UUID.randomUUID(), null);
    }

    @Test
    void appended_events_load_back_in_order_with_their_metadata() {
        String stream = "case-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-03-01T02:00:00Z");
        EventMetadata meta = meta();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0, List.of(
                event("test.opened.v1", "{\"n\":1}", t), event("test.noted.v1", "{\"n\":2}", t.plusSeconds(60))), meta));

        List<StoredEvent> loaded = store.load(stream);

        assertThat(loaded).extracting(StoredEvent::version).containsExactly(1, 2);
        assertThat(loaded).extracting(StoredEvent::type).containsExactly("test.opened.v1", "test.noted.v1");
        assertThat(loaded.get(1).payload()).isEqualTo("{\"n\": 2}");
        assertThat(loaded.get(1).occurredAt()).isEqualTo(t.plusSeconds(60));
        assertThat(loaded).allSatisfy(e -> {
            assertThat(e.branchId()).isEqualTo("SH001");
            assertThat(e.actor()).isEqualTo("staff:42");
            assertThat(e.correlationId()).isEqualTo(meta.correlationId());
            assertThat(e.recordedAt()).isNotNull();
        });
        assertThat(store.currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void of_concurrent_appends_at_the_same_version_exactly_one_wins() throws Exception {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    QuarkusTransaction.requiringNew().run(() -> store.append(stream, 1,
                            List.of(event("test.noted.v1", "{}", Instant.now())), meta()));
                    return "won";
                } catch (ConcurrencyConflict conflict) {
                    assertThat(conflict.actualVersion()).isEqualTo(2);
                    return "conflict";
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();

        assertThat(results).containsOnlyOnce("won");
        assertThat(results).filteredOn("conflict"::equals).hasSize(writers - 1);
        assertThat(store.load(stream)).hasSize(2);
    }

    @Test
    void a_stream_loads_as_it_was_at_a_version_and_at_a_point_in_time() throws Exception {
        String stream = "case-" + UUID.randomUUID();
        for (int v = 0; v < 3; v++) {
            long expected = v;
            QuarkusTransaction.requiringNew().run(() -> store.append(stream, expected,
                    List.of(event("test.noted.v1", "{\"v\":" + (expected + 1) + "}", Instant.now())), meta()));
        }
        List<StoredEvent> all = store.load(stream);
        Instant afterSecond = all.get(1).recordedAt();

        assertThat(store.loadUpToVersion(stream, 2)).extracting(StoredEvent::version).containsExactly(1, 2);
        assertThat(store.loadAsOf(stream, afterSecond)).extracting(StoredEvent::version).containsExactly(1, 2);
        assertThat(store.loadAsOf(stream, all.get(0).recordedAt().minusMillis(1))).isEmpty();
    }

    @Test
    void history_cannot_be_rewritten() {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));

        assertThatThrownBy(() -> {
            try (var c = dataSource.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("update events set payload = '{\"forged\":true}' where stream_id = '" + stream + "'");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThat(store.load(stream).getFirst().payload()).isEqualTo("{}");
    }

    @Test
    void an_append_may_come_after_other_writes_of_its_transaction() {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));

        QuarkusTransaction.requiringNew().run(() -> {
            insertInboxRow();
            store.append(stream, 1, List.of(event("test.noted.v1", "{}", Instant.now())), meta());
        });

        assertThat(store.currentVersion(stream)).isEqualTo(2);
    }

    @Test
    void an_append_from_a_transaction_older_than_the_streams_last_writer_is_refused_as_out_of_order() throws Exception {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));
        CountDownLatch older = new CountDownLatch(1);
        CountDownLatch newerCommitted = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<?> newer = other.submit(() -> {
            older.await(); // the first transaction has its id by now
            QuarkusTransaction.requiringNew().run(() -> store.append(stream, 1,
                    List.of(event("test.noted.v1", "{\"by\":\"newer\"}", Instant.now())), meta()));
            newerCommitted.countDown();
            return null;
        });

        // published in transaction order, this append (version 3) would go out before the newer one's (version 2)
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            insertInboxRow();
            older.countDown();
            await(newerCommitted);
            store.append(stream, 2, List.of(event("test.noted.v1", "{\"by\":\"older\"}", Instant.now())), meta());
        })).isInstanceOf(AppendOutOfOrder.class);
        newer.get();
        other.shutdown();

        assertThat(store.load(stream)).extracting(StoredEvent::payload).containsExactly("{}", "{\"by\": \"newer\"}");
        assertThat(TransientFailures.isTransient(new AppendOutOfOrder(stream))).isTrue();
    }

    @Test
    void a_stream_that_must_be_new_is_refused_when_it_exists() {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta())))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(store.currentVersion(stream)).isEqualTo(1);
    }

    @Test
    void one_transaction_may_append_to_a_stream_twice() {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            store.append(stream, 0, List.of(event("test.opened.v1", "{}", Instant.now())), meta());
            store.append(stream, 1, List.of(event("test.noted.v1", "{}", Instant.now())), meta());
        });

        assertThat(store.currentVersion(stream)).isEqualTo(2);
    }

    /** A stream appended to by a service older than the streams table (during a rolling deploy) is not stuck. */
    @Test
    void a_streams_row_behind_its_events_catches_up_at_the_next_append() throws Exception {
        String stream = "case-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0,
                List.of(event("test.opened.v1", "{}", Instant.now())), meta()));
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("insert into events (event_id, stream_id, version, event_type, payload, occurred_at, "
                    + "branch_id, actor, correlation_id) values (gen_random_uuid(), '" + stream + "', 2, 'test.noted.v1', "
                    + "'{}', now(), 'SH001', 'staff:42', gen_random_uuid())");
        }

        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 2,
                List.of(event("test.noted.v1", "{}", Instant.now())), meta()));

        assertThat(store.currentVersion(stream)).isEqualTo(3);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.append(stream, 2,
                List.of(event("test.noted.v1", "{}", Instant.now())), meta())))
                .isInstanceOf(ConcurrencyConflict.class);
    }

    /** A stream an older service created without a streams row (during a rolling deploy) takes its next append. */
    @Test
    void a_stream_without_a_streams_row_gets_one_at_its_next_append() throws Exception {
        String stream = "case-" + UUID.randomUUID();
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("insert into events (event_id, stream_id, version, event_type, payload, occurred_at, "
                    + "branch_id, actor, correlation_id) values (gen_random_uuid(), '" + stream + "', 1, 'test.opened.v1', "
                    + "'{}', now(), 'SH001', 'staff:42', gen_random_uuid())");
        }

        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 1,
                List.of(event("test.noted.v1", "{}", Instant.now())), meta()));

        assertThat(store.currentVersion(stream)).isEqualTo(2);
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select type, version from streams where stream_id = '" + stream + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the kind of stream, from its first event").isEqualTo("test.opened.v1");
            assertThat(rs.getInt(2)).isEqualTo(2);
        }
    }

    private void insertInboxRow() {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("insert into inbox (consumer, event_id, event_type) values ('x', gen_random_uuid(), 't')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction did not commit");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
