package clinic.eventstore;

import clinic.eventstore.relay.RecordLimit;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event store of one service: one table, streams identified by id, each event numbered from 1 within
 * its stream. Appends take part in the caller's transaction, so an event and the state derived from it commit together.
 */
@ApplicationScoped
public class EventStore {

    /** The expected version of a stream that must not exist yet. */
    public static final long NEW_STREAM = 0;

    /** The columns {@link #read} reads, in its order. */
    public static final String COLUMNS = "global_position, event_id, stream_id, version, event_type, payload::text, "
            + "occurred_at, recorded_at, branch_id, actor, correlation_id, causation_id";
    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final RecordLimit recordLimit;

    public EventStore(AgroalDataSource dataSource, RecordLimit recordLimit) {
        this.dataSource = dataSource;
        this.recordLimit = recordLimit;
    }

    /**
     * Appends {@code events} to a stream that is at {@code expectedVersion} ({@link #NEW_STREAM}: it must not exist).
     * Exactly one of two concurrent appends at the same version wins; the other gets a {@link ConcurrencyConflict}.
     *
     * <p>The stream's row in {@code streams} is written first, under its lock: the version is checked there, and so is
     * the order of transactions. An append from a transaction older than the last one that appended to the stream
     * (it wrote something else before it read the stream) is an {@link AppendOutOfOrder}: nothing was decided wrong,
     * the command is run again in a new transaction. So the relay, which publishes in the order transactions obtained
     * their ids, always publishes a stream's events in their order, whatever else the transaction writes and when.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredEvent> append(String streamId, long expectedVersion, List<NewEvent> events, EventMetadata metadata) {
        if (events.isEmpty()) {
            return List.of();
        }
        for (NewEvent e : events) {
            recordLimit.refuseClearlyTooLarge(e.type(), e.payload());
        }
        String sql = "insert into events (event_id, stream_id, version, event_type, payload, occurred_at, branch_id, "
                + "actor, correlation_id, causation_id, trace_parent) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) returning "
                + COLUMNS;
        String traceparent = clinic.eventstore.observe.Tracing.traceparent();
        try (Connection c = dataSource.getConnection()) {
            claim(c, streamId, expectedVersion, expectedVersion + events.size(), events.getFirst().type());
            List<StoredEvent> stored = new ArrayList<>(events.size());
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long version = expectedVersion;
                for (NewEvent e : events) {
                    version++;
                    ps.setObject(1, e.eventId());
                    ps.setString(2, streamId);
                    ps.setInt(3, Math.toIntExact(version));
                    ps.setString(4, e.type());
                    ps.setString(5, e.payload());
                    ps.setTimestamp(6, Timestamp.from(e.occurredAt()));
                    ps.setString(7, metadata.branchId());
                    ps.setString(8, metadata.actor());
                    ps.setObject(9, metadata.correlationId());
                    ps.setObject(10, metadata.causationId(), Types.OTHER);
                    ps.setString(11, traceparent);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        StoredEvent s = read(rs);
                        recordLimit.refuseTooLarge(s); // an exception: the caller's transaction rolls the append back
                        stored.add(s);
                    }
                }
            }
            return stored;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && e.getMessage().contains("events_stream_version")) {
                throw new ConcurrencyConflict(streamId, expectedVersion, currentVersionOutsideTransaction(streamId));
            }
            throw new EventStoreException("append to " + streamId + " failed", e);
        }
    }

    /** The whole stream, oldest first; empty when it does not exist. */
    public List<StoredEvent> load(String streamId) {
        return query("select " + COLUMNS + " from events where stream_id = ? order by version", streamId);
    }

    /** The stream up to and including {@code version}: the case as it was after that step. */
    public List<StoredEvent> loadUpToVersion(String streamId, long version) {
        return query("select " + COLUMNS + " from events where stream_id = ? and version <= ? order by version",
                streamId, version);
    }

    /** The stream as it had been recorded at {@code instant}: the case as the system knew it then. */
    public List<StoredEvent> loadAsOf(String streamId, Instant instant) {
        return query("select " + COLUMNS + " from events where stream_id = ? and recorded_at <= ? order by version",
                streamId, Timestamp.from(instant));
    }

    /** The events of one correlation (a case, in every stream it touched here), in store order; at most {@code limit}. */
    public List<StoredEvent> loadCorrelated(UUID correlationId, int limit) {
        return query("select " + COLUMNS + " from events where correlation_id = ? order by global_position limit ?",
                correlationId, limit);
    }

    /** The stream's last version, 0 when it does not exist. */
    public long currentVersion(String streamId) {
        try (Connection c = dataSource.getConnection()) {
            return currentVersion(c, streamId);
        } catch (SQLException e) {
            throw new EventStoreException("reading the version of " + streamId + " failed", e);
        }
    }

    private long currentVersionOutsideTransaction(String streamId) {
        // the failed transaction can no longer be read from; the winner's version is committed by now
        return QuarkusTransaction.requiringNew().call(() -> currentVersion(streamId));
    }

    private static long currentVersion(Connection c, String streamId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(version), 0) from events where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Moves the stream's row from {@code expected} to {@code next}, or refuses: another writer got there first (a
     * {@link ConcurrencyConflict}), or this transaction is older than the stream's last writer ({@link AppendOutOfOrder}).
     * The same transaction may append to a stream again. One statement on the usual path (an insert for a new stream,
     * an update for an existing one), which takes the row's lock, so concurrent appends to one stream queue here and
     * the loser sees the winner; only a refusal reads more to say why.
     */
    private static void claim(Connection c, String streamId, long expected, long next, String firstType) throws SQLException {
        if (expected == NEW_STREAM) {
            if (update(c, "insert into streams (stream_id, type, version, last_transaction_id) "
                    + "values (?, ?, ?, pg_current_xact_id()) on conflict (stream_id) do nothing", streamId, firstType, next)) {
                return;
            }
        } else if (update(c, "update streams set version = ?, last_transaction_id = pg_current_xact_id() "
                + "where stream_id = ? and version = ? and last_transaction_id <= pg_current_xact_id()", next, streamId,
                expected)) {
            return;
        }
        Long claimed = null;
        try (PreparedStatement ps = c.prepareStatement("select version from streams where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    claimed = rs.getLong(1);
                }
            }
        }
        long stored = currentVersion(c, streamId);
        if ((claimed == null || claimed < stored) && stored == expected) {
            // no row, or one behind the events (appended by a version of the service older than this table, during a
            // rolling deploy): the events are what counts; bring the row up to this append, with the order check
            if (claimed == null ? update(c, "insert into streams (stream_id, type, version, last_transaction_id) "
                    + "select ?, f.event_type, ?, pg_current_xact_id() from events f, events l where f.stream_id = ? "
                    + "and f.version = 1 and l.stream_id = f.stream_id and l.version = ? "
                    + "and l.transaction_id <= pg_current_xact_id() on conflict (stream_id) do nothing",
                    streamId, next, streamId, stored)
                    : update(c, "update streams set version = ?, last_transaction_id = pg_current_xact_id() "
                    + "where stream_id = ? and version = ? and (select transaction_id from events where stream_id = ? "
                    + "and version = ?) <= pg_current_xact_id()", next, streamId, claimed, streamId, stored)) {
                return;
            }
            throw new AppendOutOfOrder(streamId);
        }
        long actual = claimed == null ? stored : Math.max(claimed, stored);
        if (actual != expected) {
            throw new ConcurrencyConflict(streamId, expected, actual);
        }
        throw new AppendOutOfOrder(streamId);
    }

    /** Runs one write with {@code params} (int-sized longs as integers); whether it wrote a row. */
    private static boolean update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof Long l ? (Object) Math.toIntExact(l) : params[i]);
            }
            return ps.executeUpdate() > 0;
        }
    }

    private List<StoredEvent> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(read(rs));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new EventStoreException("reading events failed", e);
        }
    }

    /** A stream as the {@code streams} table knows it: its place in the order streams began, id and version. */
    public record StreamRef(long position, String streamId, long version) {
    }

    /**
     * Up to {@code limit} streams of the given kinds (their first event's types) that began after {@code position}, in
     * the order they began: what a read model is rebuilt from, a batch at a time.
     */
    public List<StreamRef> streamsAfter(java.util.Set<String> types, long position, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select position, stream_id, version from streams "
                     + "where position > ? and type = any(?) order by position limit ?")) {
            ps.setLong(1, position);
            ps.setArray(2, c.createArrayOf("text", types.toArray()));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<StreamRef> refs = new ArrayList<>();
                while (rs.next()) {
                    refs.add(new StreamRef(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                }
                return refs;
            }
        } catch (SQLException e) {
            throw new EventStoreException("reading streams failed", e);
        }
    }

    /** How many streams of the given kinds there are, and how many events they hold. */
    public long[] countStreams(java.util.Set<String> types) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select count(*), coalesce(sum(version), 0) from streams where type = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", types.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new EventStoreException("counting streams failed", e);
        }
    }

    /** The events of several streams in one read, each stream's oldest first, by stream id. */
    public java.util.Map<String, List<StoredEvent>> loadStreams(List<String> streamIds) {
        java.util.Map<String, List<StoredEvent>> byStream = new java.util.LinkedHashMap<>();
        streamIds.forEach(id -> byStream.put(id, new ArrayList<>()));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from events where stream_id = any(?) "
                     + "order by stream_id, version")) {
            ps.setArray(1, c.createArrayOf("text", streamIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = read(rs);
                    byStream.get(e.streamId()).add(e);
                }
            }
            return byStream;
        } catch (SQLException e) {
            throw new EventStoreException("reading streams failed", e);
        }
    }

    /** Reads the {@link #COLUMNS} of the current row. */
    public static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9),
                rs.getString(10),
                rs.getObject(11, UUID.class),
                rs.getObject(12, UUID.class));
    }
}
