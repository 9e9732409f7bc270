package clinic.eventstore.projection;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.EventStore;
import clinic.eventstore.ReadModel;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.TransientFailures;
import clinic.eventstore.api.NotFound;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Rebuilds the read models the services register with their {@link CommandPipeline}s (which feed them live). A
 * rebuild walks the model's streams in the order they began, {@link #BATCH_STREAMS} streams per short transaction
 * (one read of their events, a fold each, the model's rows written, the position stored), so that no long transaction
 * holds back the relays of the services that share the PostgreSQL server (their fence is the server-wide oldest
 * running transaction). It writes only the model's rows: no events, no messages. It rebuilds in place, each row to its
 * stream's newest state (a live append racing a batch keeps the newer row: {@link ReadModel}), and a rebuild that
 * stopped half way (a restart) goes on from the last batch done.
 */
@ApplicationScoped
public class ProjectionRunner {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    /**
     * Streams per batch: a batch of complaint streams is some 8,000 events, read in one query, folded, and written in
     * one statement by a model that {@link ReadModel#updateAll writes a batch at once}, in under a fifth of a second.
     * Batches of 1,000 streams rebuild a large store about a tenth faster than batches of 200 (fewer commits and
     * round trips; ListRebuildBenchmark in complaint-service).
     */
    public static final int BATCH_STREAMS = 1000;

    private record Registration<S>(CommandPipeline<?, ?, S> pipeline, ReadModel<S> model) {
    }

    private final Map<String, Registration<?>> models = new ConcurrentHashMap<>();
    private final EventStore store;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public ProjectionRunner(EventStore store, AgroalDataSource dataSource, Clock clock) {
        this.store = store;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Called by {@link CommandPipeline#readModel}: the model is rebuilt under {@code name}. */
    public <S> void register(String name, CommandPipeline<?, ?, S> pipeline, ReadModel<S> model) {
        models.put(name, new Registration<>(pipeline, model));
    }

    /** The names of the read models this service can rebuild. */
    public Set<String> names() {
        return new TreeSet<>(models.keySet());
    }

    /** Rebuilds {@code name} (going on from where an unfinished rebuild stopped); returns how it ended. */
    public RebuildProgress rebuild(String name) {
        return rebuild(name, false);
    }

    /** Rebuilds {@code name}; {@code restart}: from the first stream even when an earlier rebuild stopped half way. */
    public RebuildProgress rebuild(String name, boolean restart) {
        return rebuild(name, restart, progress -> {
        });
    }

    /**
     * Rebuilds {@code name}, telling {@code afterBatch} the progress after each batch has committed (outside any
     * transaction). A finished rebuild of the same model starts over; an unfinished one goes on, unless
     * {@code restart} (the projection was fixed since: the streams it did are to be written again too).
     */
    public RebuildProgress rebuild(String name, boolean restart, Consumer<RebuildProgress> afterBatch) {
        return rebuild(name, restart, BATCH_STREAMS, afterBatch);
    }

    /** {@link #rebuild(String, boolean, Consumer)} with {@code batchStreams} streams per batch (a test's, a benchmark's). */
    public RebuildProgress rebuild(String name, boolean restart, int batchStreams, Consumer<RebuildProgress> afterBatch) {
        if (batchStreams < 1) {
            throw new IllegalArgumentException("a batch has at least one stream: " + batchStreams);
        }
        Registration<?> registration = models.get(name);
        if (registration == null) {
            throw new UnknownReadModel(name, names());
        }
        return run(name, registration, restart, batchStreams, afterBatch);
    }

    /** The latest rebuild of {@code name}, if there has been one. */
    public Optional<RebuildProgress> progress(String name) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> read(name, null, 0)));
    }

    private <S> RebuildProgress run(String name, Registration<S> r, boolean restart, int batchStreams,
                                    Consumer<RebuildProgress> afterBatch) {
        Set<String> types = r.pipeline().streamTypes();
        RebuildProgress start = QuarkusTransaction.requiringNew().call(() -> begin(name, types, restart));
        Instant runStarted = clock.instant();
        long eventsAtRunStart = start.eventsDone();
        long position = QuarkusTransaction.requiringNew().call(() -> position(name));
        LOG.infof("rebuilding %s from stream position %d", name, position);
        int batches = 0;
        Timings timings = new Timings();
        long started = System.nanoTime();
        ExecutorService folders = FOLDERS > 1 ? Executors.newFixedThreadPool(FOLDERS - 1,
                Thread.ofPlatform().name("rebuild-" + name + "-fold-", 1).daemon().factory()) : null;
        try {
            while (true) {
                long from = position;
                Instant now = clock.instant();
                // a batch that raced a step on a missing row is simply done again; one that another rebuild overtook is not
                Long next = TransientFailures.retry(3, () -> QuarkusTransaction.requiringNew()
                        .call(() -> batch(name, r, types, from, batchStreams, now, folders, timings)));
                if (next == null) {
                    break;
                }
                position = next;
                RebuildProgress progress = read(name, runStarted, eventsAtRunStart);
                if (++batches % 20 == 0) {
                    LOG.info(progress.describe());
                }
                afterBatch.accept(progress);
            }
        } finally {
            if (folders != null) {
                folders.shutdown();
            }
        }
        RebuildProgress done = QuarkusTransaction.requiringNew().call(() -> {
            Timestamp now = Timestamp.from(clock.instant());
            update("update read_model_rebuilds set finished_at = ?, updated_at = ? where read_model = ?", now, now, name);
            return read(name, runStarted, eventsAtRunStart);
        });
        long total = System.nanoTime() - started;
        LOG.infof("rebuilt %s; %d batches of up to %d streams in %.1f s: reading the events %.1f s, folding them %.1f s "
                        + "(%d threads), writing the rows %.1f s, the rest (position, commit, progress) %.1f s",
                done.describe(), batches, batchStreams, total / 1e9, timings.read / 1e9, timings.fold / 1e9, FOLDERS,
                timings.write / 1e9, (total - timings.read - timings.fold - timings.write) / 1e9);
        afterBatch.accept(done);
        return done;
    }

    /** Where a rebuild's time went, summed over its batches (nanoseconds; a batch done again counts twice). */
    private static final class Timings {
        long read;
        long fold;
        long write;
    }

    /**
     * How many threads fold a batch's streams (the rebuild's own and the others): the folds are independent of each
     * other, and while they run the database has nothing to do.
     */
    static final int FOLDERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * The events of up to {@code limit} streams of the given kinds after a position, in one read along the indexes:
     * the streams in the order they began (their position), each stream's events in its order; each row ends with its
     * stream's position, and a stream without events (none is written so) has one row of nulls and its position.
     */
    private static final String BATCH_EVENTS = "select "
            + java.util.Arrays.stream(EventStore.COLUMNS.split(",")).map(c -> "e." + c.strip())
                    .collect(java.util.stream.Collectors.joining(", "))
            + ", s.position from (select position, stream_id from streams where position > ? and type = any(?) "
            + "order by position limit ?) s left join events e on e.stream_id = s.stream_id order by s.position, e.version";

    /** One batch in the caller's transaction: the streams after {@code position}; null when there are none. */
    private <S> Long batch(String name, Registration<S> r, Set<String> types, long position, int batchStreams,
                           Instant now, ExecutorService folders, Timings timings) {
        long started = System.nanoTime();
        List<List<StoredEvent>> streams = new ArrayList<>(batchStreams);
        long eventCount = 0;
        long last = position;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BATCH_EVENTS)) {
            ps.setLong(1, position);
            ps.setArray(2, c.createArrayOf("text", types.toArray()));
            ps.setInt(3, batchStreams);
            List<StoredEvent> stream = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(13);
                    if (at != last) {
                        stream = new ArrayList<>();
                        streams.add(stream);
                        last = at;
                    }
                    rs.getLong(1);
                    if (!rs.wasNull()) {
                        stream.add(EventStore.read(rs));
                        eventCount++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the streams of " + name + " after " + position + " failed", e);
        }
        long read = System.nanoTime();
        timings.read += read - started;
        if (streams.isEmpty()) {
            return null;
        }
        List<CommandPipeline.Loaded<S>> folded = fold(r, streams, folders);
        long wrote = System.nanoTime();
        timings.fold += wrote - read;
        r.model().updateAll(folded, now);
        timings.write += System.nanoTime() - wrote;
        int moved = update("update read_model_rebuilds set position = ?, streams_done = streams_done + ?, "
                        + "events_done = events_done + ?, updated_at = ? where read_model = ? and position = ?",
                last, streams.size(), eventCount, Timestamp.from(clock.instant()), name, position);
        if (moved != 1) {
            throw new RebuildAlreadyRunning(name, position, position(name));
        }
        return last;
    }

    /**
     * Folds each of {@code streams} into its state, in their order, leaving out those that fold to nothing (another
     * kind's): up to {@link #FOLDERS} runs of consecutive streams at once, this thread folding the first.
     */
    private static <S> List<CommandPipeline.Loaded<S>> fold(Registration<S> r, List<List<StoredEvent>> streams,
                                                           ExecutorService folders) {
        int runs = folders == null ? 1 : Math.min(FOLDERS, Math.max(1, streams.size() / 16));
        int size = (streams.size() + runs - 1) / runs;
        List<Future<List<CommandPipeline.Loaded<S>>>> others = new ArrayList<>(runs - 1);
        for (int i = 1; i < runs; i++) {
            List<List<StoredEvent>> part = streams.subList(Math.min(i * size, streams.size()),
                    Math.min((i + 1) * size, streams.size()));
            others.add(folders.submit(() -> foldAll(r, part)));
        }
        List<CommandPipeline.Loaded<S>> folded = new ArrayList<>(streams.size());
        folded.addAll(foldAll(r, streams.subList(0, Math.min(size, streams.size()))));
        for (Future<List<CommandPipeline.Loaded<S>>> other : others) {
            try {
                folded.addAll(other.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while folding " + streams.size() + " streams", e);
            }
        }
        return folded;
    }

    private static <S> List<CommandPipeline.Loaded<S>> foldAll(Registration<S> r, List<List<StoredEvent>> streams) {
        List<CommandPipeline.Loaded<S>> folded = new ArrayList<>(streams.size());
        for (List<StoredEvent> stream : streams) {
            if (!stream.isEmpty()) {
                CommandPipeline.Loaded<S> loaded = r.pipeline().fold(stream);
                if (loaded.exists()) {
                    folded.add(loaded);
                }
            }
        }
        return folded;
    }

    /** Starts a rebuild, or finds the unfinished one to go on with. */
    private RebuildProgress begin(String name, Set<String> types, boolean restart) {
        RebuildProgress earlier = read(name, null, 0);
        if (earlier != null && !earlier.finished() && !restart) {
            return earlier;
        }
        long[] totals = store.countStreams(types);
        update("insert into read_model_rebuilds (read_model, started_at, streams_total, events_total) values (?, ?, ?, ?) "
                        + "on conflict (read_model) do update set started_at = excluded.started_at, finished_at = null, "
                        + "position = 0, streams_done = 0, events_done = 0, streams_total = excluded.streams_total, "
                        + "events_total = excluded.events_total, updated_at = excluded.started_at",
                name, Timestamp.from(clock.instant()), totals[0], totals[1]);
        return read(name, null, 0);
    }

    private long position(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select position from read_model_rebuilds where read_model = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rebuild of " + name + " failed", e);
        }
    }

    private RebuildProgress read(String name, Instant runStarted, long eventsAtRunStart) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select streams_done, streams_total, events_done, events_total, "
                     + "started_at, finished_at, updated_at from read_model_rebuilds where read_model = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long eventsDone = rs.getLong(3);
                long eventsTotal = rs.getLong(4);
                Instant startedAt = rs.getTimestamp(5).toInstant();
                Timestamp finished = rs.getTimestamp(6);
                Instant since = runStarted != null ? runStarted : startedAt;
                Instant until = finished != null ? finished.toInstant() : rs.getTimestamp(7).toInstant();
                double seconds = Math.max(Duration.between(since, until).toMillis(), 1) / 1000.0;
                double rate = (eventsDone - eventsAtRunStart) / seconds;
                Duration left = rate <= 0 ? Duration.ZERO
                        : Duration.ofSeconds((long) Math.ceil(Math.max(eventsTotal - eventsDone, 0) / rate));
                return new RebuildProgress(name, rs.getLong(1), rs.getLong(2), eventsDone, eventsTotal, rate, left,
                        startedAt, finished == null ? null : finished.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rebuild of " + name + " failed", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording the rebuild failed", e);
        }
    }

    /** No read model of that name in this service. */
    public static class UnknownReadModel extends NotFound {
        public UnknownReadModel(String name, Set<String> known) {
            super("read-model-not-found", "no read model " + name + " here; known: " + String.join(", ", known));
        }
    }

    /**
     * Another rebuild of the same model moved its position meanwhile: this one stops (409 {@code rebuild-running}),
     * that one goes on. Not a conflict on a case, and never worth another try.
     */
    public static class RebuildAlreadyRunning extends RuntimeException {
        public RebuildAlreadyRunning(String name, long expectedPosition, long position) {
            super("a rebuild of read model " + name + " is already running (it moved from stream position "
                    + expectedPosition + " to " + position + "); it goes on where it is");
        }
    }
}
