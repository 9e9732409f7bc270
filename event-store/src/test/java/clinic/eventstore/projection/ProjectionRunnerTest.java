package clinic.eventstore.projection;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Counters;
import clinic.eventstore.Counters.Add;
import clinic.eventstore.Counters.Open;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.Expected;
import clinic.eventstore.ReadModel;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.relay.OutboxRelay;
import clinic.eventstore.relay.RelayConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ProjectionRunnerTest {

    @Inject
    CommandPipelines pipelines;
    @Inject
    ProjectionRunner runner;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxRelay relay;
    @Inject
    RelayConfig relayConfig;

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    /** Streams per batch in these tests: smaller than the runner's, so that a few hundred streams make batches. */
    static final int BATCH = 200;

    /** Rebuilds {@code name} in batches of {@link #BATCH} streams. */
    private RebuildProgress rebuild(String name, boolean restart) {
        return runner.rebuild(name, restart, BATCH, progress -> {
        });
    }

    static EventMetadata meta() {
        return new EventMetadata("SH001", "staff:42", UUID.randomUUID(), null);
    }

    /** {@code n} counters of {@code pipeline}, each opened and added to twice (3 events); their ids. */
    private static List<String> counters(CommandPipeline<Counters.Command, Counters.Event, Counters.Counter> pipeline, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "counter-" + UUID.randomUUID();
            pipeline.on(id).expecting(Expected.noStream()).by(meta()).decide(new Open(id));
            pipeline.on(id).by(meta()).decide(new Add(i));
            pipeline.on(id).by(meta()).decide(new Add(1));
            ids.add(id);
        }
        return ids;
    }

    @Test
    void a_rebuild_writes_every_stream_again_in_batches_and_reports_its_progress() {
        var pipeline = Counters.pipeline(pipelines, dataSource, "test-counters");
        List<String> ids = counters(pipeline, BATCH + 30);
        execute("delete from test_counters where id = any('{" + String.join(",", ids) + "}')");
        List<RebuildProgress> seen = new ArrayList<>();

        RebuildProgress done = runner.rebuild("test-counters", false, BATCH, seen::add);

        for (int i = 0; i < ids.size(); i++) {
            assertThat(Counters.total(dataSource, ids.get(i))).as(ids.get(i)).isEqualTo(i + 1);
        }
        assertThat(done.finished()).isTrue();
        assertThat(done.streamsDone()).isEqualTo(done.streamsTotal()).isGreaterThanOrEqualTo(ids.size());
        // three events a counter, but the first adds 0, which decides nothing
        assertThat(done.eventsDone()).isEqualTo(done.eventsTotal()).isGreaterThanOrEqualTo(3L * ids.size() - 1);
        assertThat(seen.size()).as("a progress report per batch and one at the end").isGreaterThanOrEqualTo(3);
        assertThat(seen.getFirst().finished()).isFalse();
        assertThat(seen.getFirst().eventsDone()).isPositive().isLessThan(done.eventsTotal());
        assertThat(seen.getFirst().describe()).contains("test-counters:", "events", "left");
        assertThat(runner.progress("test-counters").orElseThrow().finishedAt()).isEqualTo(done.finishedAt());
    }

    @Test
    void a_rebuild_that_stopped_goes_on_from_the_last_batch_done() {
        AtomicInteger failAfter = new AtomicInteger(Integer.MAX_VALUE);
        var table = Counters.table(dataSource);
        CommandPipeline<Counters.Command, Counters.Event, Counters.Counter> pipeline = pipelines.define("counter",
                Counters.types(), Counters.decider(), id -> new IllegalStateException(id));
        pipeline.readModel("test-counters-flaky", (state, version, now) -> {
            if (failAfter.decrementAndGet() == 0) {
                throw new IllegalStateException("the service stopped half way");
            }
            table.update(state, version, now);
        });
        counters(pipeline, BATCH + 10);
        failAfter.set(BATCH + 5); // the streams of the first batch, and some of the second

        assertThatThrownBy(() -> rebuild("test-counters-flaky", false)).hasMessageContaining("half way");
        RebuildProgress stopped = runner.progress("test-counters-flaky").orElseThrow();
        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.streamsDone()).isEqualTo(BATCH);

        failAfter.set(Integer.MAX_VALUE);
        RebuildProgress done = rebuild("test-counters-flaky", false);

        assertThat(done.finished()).isTrue();
        assertThat(done.streamsDone()).isEqualTo(done.streamsTotal());
        assertThat(done.startedAt()).as("the same rebuild, gone on with").isEqualTo(stopped.startedAt());

        failAfter.set(BATCH + 5);
        assertThatThrownBy(() -> rebuild("test-counters-flaky", true)).hasMessageContaining("half way");
        failAfter.set(Integer.MAX_VALUE);
        RebuildProgress restarted = rebuild("test-counters-flaky", true);
        assertThat(restarted.startedAt()).as("started over").isAfter(done.startedAt());
        assertThat(restarted.streamsDone()).isEqualTo(restarted.streamsTotal());
    }

    @Test
    void a_model_that_writes_a_batch_at_once_is_given_each_batch_once_in_the_order_of_the_streams() {
        var table = Counters.table(dataSource);
        var pipeline = pipelines.define("counter", Counters.types(), Counters.decider(), IllegalStateException::new);
        List<List<String>> batches = new ArrayList<>();
        pipeline.readModel("test-counters-batched", new ReadModel<>() {
            @Override
            public void update(Counters.Counter state, long version, Instant now) {
                throw new AssertionError("a rebuild writes a batch at once");
            }

            @Override
            public void updateAll(List<CommandPipeline.Loaded<Counters.Counter>> batch, Instant now) {
                batches.add(batch.stream().map(stream -> stream.state().id()).toList());
                batch.forEach(stream -> table.update(stream.state(), stream.version(), now));
            }
        });
        List<String> ids = counters(Counters.pipeline(pipelines, dataSource, "test-counters"), BATCH + 10);
        execute("delete from test_counters where id = any('{" + String.join(",", ids) + "}')");

        RebuildProgress done = rebuild("test-counters-batched", true);

        assertThat(batches).hasSizeGreaterThanOrEqualTo(2).allSatisfy(b -> assertThat(b).hasSizeBetween(1, BATCH));
        List<String> written = batches.stream().flatMap(List::stream).toList();
        assertThat(written).hasSize((int) done.streamsDone()).doesNotHaveDuplicates().containsSubsequence(ids);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(Counters.total(dataSource, ids.get(i))).as(ids.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void an_unknown_read_model_is_named_with_the_known_ones() {
        Counters.pipeline(pipelines, dataSource, "test-counters");
        assertThatThrownBy(() -> runner.rebuild("no-such-list"))
                .isInstanceOf(ProjectionRunner.UnknownReadModel.class).hasMessageContaining("test-counters");
    }

    /**
     * The relay publishes only what every transaction older than it has left behind (the server-wide oldest running
     * transaction is its fence), so a rebuild in one long transaction would stop the publishing of every service on
     * the same PostgreSQL server until it committed. In short batches, events appended meanwhile go out at once.
     */
    @Test
    void the_relay_keeps_publishing_while_a_rebuild_runs() throws Exception {
        var table = Counters.table(dataSource);
        var pipeline = pipelines.define("counter", Counters.types(), Counters.decider(), IllegalStateException::new);
        java.util.concurrent.CountDownLatch rebuilding = new java.util.concurrent.CountDownLatch(1);
        pipeline.readModel("test-counters-slow", (state, version, now) -> {
            rebuilding.countDown();
            pause(Duration.ofMillis(4)); // a heavy read model: about a second per batch
            table.update(state, version, now);
        });
        var live = Counters.pipeline(pipelines, dataSource, "test-counters");
        counters(live, 3 * BATCH);
        relay.start();
        String id = counters(live, 1).getFirst();
        await().atMost(Duration.ofSeconds(20)).until(() -> published(id));

        CompletableFuture<RebuildProgress> rebuild = CompletableFuture.supplyAsync(() -> rebuild("test-counters-slow", false));
        assertThat(rebuilding.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        live.on(id).by(meta()).decide(new Add(100)); // appended while a rebuild transaction is open

        await().atMost(Duration.ofSeconds(20)).until(() -> published(id) || rebuild.isDone());
        assertThat(rebuild).as("published while the rebuild still ran").isNotDone();
        assertThat(rebuild.get().finished()).isTrue();
    }

    @Test
    void of_two_rebuilds_of_one_model_at_once_one_goes_on_and_the_other_is_told_so() throws Exception {
        var table = Counters.table(dataSource);
        var pipeline = pipelines.define("counter", Counters.types(), Counters.decider(), IllegalStateException::new);
        java.util.concurrent.CountDownLatch rebuilding = new java.util.concurrent.CountDownLatch(1);
        pipeline.readModel("test-counters-twice", (state, version, now) -> {
            rebuilding.countDown();
            pause(Duration.ofMillis(2));
            table.update(state, version, now);
        });
        counters(Counters.pipeline(pipelines, dataSource, "test-counters"), 2 * BATCH);

        // two threads of their own: the common pool has one on a two-core machine, and would run them in turn
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<RebuildProgress> first = CompletableFuture.supplyAsync(() -> rebuild("test-counters-twice", false), pool);
        assertThat(rebuilding.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        CompletableFuture<RebuildProgress> second = CompletableFuture.supplyAsync(() -> rebuild("test-counters-twice", false), pool);

        List<Throwable> refused = new ArrayList<>();
        for (CompletableFuture<RebuildProgress> run : List.of(first, second)) {
            try {
                assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS).finished()).isTrue();
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        pool.shutdown();
        assertThat(refused).hasSize(1).first().isInstanceOf(ProjectionRunner.RebuildAlreadyRunning.class);
        RebuildProgress done = runner.progress("test-counters-twice").orElseThrow();
        assertThat(done.finished()).isTrue();
        assertThat(done.streamsDone()).isEqualTo(done.streamsTotal());
    }

    /** Whether the relay has published every event of stream {@code id}. */
    private boolean published(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select bool_and((k.last_transaction_id, k.last_position) "
                     + ">= (e.transaction_id, e.global_position)) from events e, outbox_checkpoints k "
                     + "where k.relay = ? and e.stream_id = ?")) {
            ps.setString(1, relayConfig.name());
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
