package clinic.eventstore.projection;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventStore.StreamRef;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Streams per batch: a batch of complaint streams is a few thousand events, written in well under a second. */
    static final int BATCH_STREAMS = 200;

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
        Registration<?> registration = models.get(name);
        if (registration == null) {
            throw new UnknownReadModel(name, names());
        }
        return run(name, registration, restart, afterBatch);
    }

    /** The latest rebuild of {@code name}, if there has been one. */
    public Optional<RebuildProgress> progress(String name) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> read(name, null, 0)));
    }

    private <S> RebuildProgress run(String name, Registration<S> r, boolean restart, Consumer<RebuildProgress> afterBatch) {
        Set<String> types = r.pipeline().streamTypes();
        RebuildProgress start = QuarkusTransaction.requiringNew().call(() -> begin(name, types, restart));
        Instant runStarted = clock.instant();
        long eventsAtRunStart = start.eventsDone();
        long position = QuarkusTransaction.requiringNew().call(() -> position(name));
        LOG.infof("rebuilding %s from stream position %d", name, position);
        int batches = 0;
        while (true) {
            long from = position;
            Instant now = clock.instant();
            // a batch that raced a step on a missing row is simply done again; one that another rebuild overtook is not
            Long next = TransientFailures.retry(3,
                    () -> QuarkusTransaction.requiringNew().call(() -> batch(name, r, types, from, now)));
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
        RebuildProgress done = QuarkusTransaction.requiringNew().call(() -> {
            Timestamp now = Timestamp.from(clock.instant());
            update("update read_model_rebuilds set finished_at = ?, updated_at = ? where read_model = ?", now, now, name);
            return read(name, runStarted, eventsAtRunStart);
        });
        LOG.infof("rebuilt %s", done.describe());
        afterBatch.accept(done);
        return done;
    }

    /** One batch in the caller's transaction: the streams after {@code position}; null when there are none. */
    private <S> Long batch(String name, Registration<S> r, Set<String> types, long position, Instant now) {
        List<StreamRef> streams = store.streamsAfter(types, position, BATCH_STREAMS);
        if (streams.isEmpty()) {
            return null;
        }
        Map<String, List<StoredEvent>> events = store.loadStreams(streams.stream().map(StreamRef::streamId).toList());
        long eventCount = 0;
        for (List<StoredEvent> stream : events.values()) {
            CommandPipeline.Loaded<S> loaded = r.pipeline().fold(stream);
            eventCount += stream.size();
            if (loaded.exists()) {
                r.model().update(loaded.state(), loaded.version(), now);
            }
        }
        long last = streams.getLast().position();
        int moved = update("update read_model_rebuilds set position = ?, streams_done = streams_done + ?, "
                        + "events_done = events_done + ?, updated_at = ? where read_model = ? and position = ?",
                last, streams.size(), eventCount, Timestamp.from(clock.instant()), name, position);
        if (moved != 1) {
            throw new RebuildAlreadyRunning(name, position, position(name));
        }
        return last;
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
