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
     * Appends {@code events} to a stream that is at {@code expectedVersion}. Exactly one of two concurrent appends at
     * the same version wins; the other gets a {@link ConcurrencyConflict}.
     *
     * <p>Write the events before anything else in the transaction (when the stream already exists). The relay
     * publishes in the order transactions obtained their ids, and a transaction obtains its id at its first write; an
     * earlier write could give it an id older than that of the event it follows.
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
                + "actor, correlation_id, causation_id) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) returning " + COLUMNS;
        try (Connection c = dataSource.getConnection()) {
            if (expectedVersion != NEW_STREAM) {
                ensureFirstWrite(c, streamId);
            }
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

    /** Every event of every stream, in store order, a page at a time: what a read model is rebuilt from. */
    public long forEachEvent(java.util.function.Consumer<StoredEvent> action) {
        long position = 0;
        long count = 0;
        List<StoredEvent> page;
        while (!(page = query("select " + COLUMNS + " from events where global_position > ? order by global_position limit 1000",
                position)).isEmpty()) {
            page.forEach(action);
            count += page.size();
            position = page.getLast().globalPosition();
        }
        return count;
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

    private static void ensureFirstWrite(Connection c, String streamId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_current_xact_id_if_assigned() is not null, "
                        + "exists (select 1 from events where transaction_id = pg_current_xact_id_if_assigned())")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean wroteBefore = rs.getBoolean(1);
                boolean wroteEventsBefore = rs.getBoolean(2);
                if (wroteBefore && !wroteEventsBefore) {
                    throw new IllegalStateException("append to " + streamId
                            + " must come before the transaction's other writes, or the relay could publish it out of order");
                }
            }
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

    /**
     * The streams that begin with an event of {@code firstEventType}, oldest first: what a read model is rebuilt from,
     * stream by stream; a service keeps several kinds of stream in one store (refund cases and purchases), and each
     * read model reads its own kind.
     */
    public List<String> streamIdsStartingWith(String firstEventType) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select stream_id from events where version = 1 and event_type = ? order by global_position")) {
            ps.setString(1, firstEventType);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        } catch (SQLException e) {
            throw new EventStoreException("reading stream ids failed", e);
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
