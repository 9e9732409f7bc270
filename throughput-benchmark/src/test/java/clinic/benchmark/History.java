package clinic.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Years of history in complaint-service's event store, written straight into its tables: the cost of filing a complaint
 * should not grow with the number of events stored before it. The events are of a type nothing consumes, on streams of
 * their own ({@code history-<run>-<n>}), each with its {@code streams} row as an append would write it.
 */
final class History {

    /** A type no service acts on: refund-service's and followup-service's consumers pass unknown types by. */
    static final String TYPE = "bench.history.v1";

    /**
     * What was seeded: how many events, how long the insert took, and whether the relay's checkpoint was moved past them
     * (then the relay never publishes them; otherwise it publishes them and the consumers skip them).
     */
    record Seeded(long events, Duration took, String relay, boolean checkpointMoved) {
    }

    private History() {
    }

    /**
     * Inserts {@code count} events in one transaction and, in that same transaction, moves complaint-service's relay
     * checkpoint to the last of them. The relay reads only events of transactions older than every running one, so it
     * cannot see these before the commit, and at the commit the checkpoint is already past them: a million events
     * are not pushed through Kafka to consumers that would only skip them. This is only safe while the relay has
     * published everything before (an event of an older transaction still unpublished would be skipped too), so it
     * waits for that first.
     */
    static Seeded seed(Connection complaints, long count, String run) throws SQLException, InterruptedException {
        String relay = relayName(complaints);
        boolean caughtUp = awaitRelayCaughtUp(complaints, relay, Duration.ofSeconds(60));
        long started = System.nanoTime();
        boolean autoCommit = complaints.getAutoCommit();
        complaints.setAutoCommit(false);
        try (Statement st = complaints.createStatement()) {
            String streamId = "'history-" + run + "-' || n";
            st.executeUpdate("insert into streams (stream_id, type, version, last_transaction_id) select " + streamId
                    + ", '" + TYPE + "', 1, pg_current_xact_id() from generate_series(1, " + count + ") n");
            st.executeUpdate("insert into events (event_id, stream_id, version, event_type, payload, occurred_at, correlation_id)"
                    + " select gen_random_uuid(), " + streamId + ", 1, '" + TYPE + "', '{}'::jsonb, now(), gen_random_uuid()"
                    + " from generate_series(1, " + count + ") n");
            if (caughtUp) {
                st.executeUpdate("""
                        update outbox_checkpoints c
                           set last_transaction_id = pg_current_xact_id(),
                               last_position = (select max(global_position) from events
                                                 where transaction_id = pg_current_xact_id()),
                               updated_at = now()
                         where c.relay = '%s'""".formatted(relay));
            }
            complaints.commit();
        } catch (SQLException e) {
            complaints.rollback();
            throw e;
        } finally {
            complaints.setAutoCommit(autoCommit);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // a store that has grown to this size over years has been vacuumed and its statistics gathered by autovacuum
        // long ago; without this, autovacuum's first pass over the million rows (heap and five indexes) runs during
        // the next phases, on the same two cores, and is measured as the store's cost
        try (Statement st = complaints.createStatement()) {
            st.execute("vacuum (analyze) events");
            st.execute("vacuum (analyze) streams");
        }
        return new Seeded(count, took, relay, caughtUp);
    }

    /** The relay's checkpoint row: named after the service (event-store.relay.name defaults to the application name). */
    private static String relayName(Connection complaints) throws SQLException {
        try (Statement st = complaints.createStatement();
             ResultSet rs = st.executeQuery(
                     "select relay from outbox_checkpoints order by (relay = 'complaint-service') desc, relay limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("complaint-service's relay has no checkpoint row");
            }
            return rs.getString(1);
        }
    }

    /** Waits until no event is beyond the relay's checkpoint; false if it did not get there in time. */
    private static boolean awaitRelayCaughtUp(Connection complaints, String relay, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement ps = complaints.prepareStatement("""
                select exists (select 1 from events e, outbox_checkpoints c where c.relay = ?
                                and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position))""")) {
            ps.setString(1, relay);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return true;
                    }
                }
                Thread.sleep(200);
            }
        }
        return false;
    }

    /** How many events the store holds now. */
    static long events(Connection complaints) throws SQLException {
        try (Statement st = complaints.createStatement(); ResultSet rs = st.executeQuery("select count(*) from events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
