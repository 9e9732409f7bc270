package clinic.eventstore.relay;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the relay has still to publish: committed or not, the events after its checkpoint, and how long the oldest of
 * them has waited. Read along the relay's own index from the checkpoint on, so it costs the backlog, not the history.
 */
@ApplicationScoped
public class RelayBacklog {

    /** {@code oldestAgeSeconds}: 0 when nothing waits. */
    public record Backlog(long events, double oldestAgeSeconds) {
    }

    private final AgroalDataSource dataSource;
    private final RelayConfig config;

    public RelayBacklog(AgroalDataSource dataSource, RelayConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public Backlog now() {
        try (Connection c = dataSource.getConnection()) {
            // the checkpoint first, then the backlog from it along the relay's index (a join or a row subquery would
            // keep the planner from starting the index scan there, and it would read the whole history)
            String transaction = "0";
            long position = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "select last_transaction_id::text, last_position from outbox_checkpoints where relay = ?")) {
                ps.setString(1, config.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        transaction = rs.getString(1);
                        position = rs.getLong(2);
                    }
                }
            }
            if (!transaction.matches("\\d+")) {
                throw new IllegalStateException("the relay's checkpoint names no transaction: " + transaction);
            }
            // the values written into the statement (two numbers read from the checkpoint), not bound: a pooled
            // connection's prepared statement may get a generic plan, which does not know the checkpoint is near the
            // end of the index and counts from the start of history
            try (var st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("""
                        select count(*), coalesce(extract(epoch from clock_timestamp() - min(recorded_at)), 0)
                          from events where (transaction_id, global_position) > ('%s'::xid8, %s)"""
                        .formatted(transaction, Long.toString(position)))) { // not %d: the locale's digits
                    rs.next();
                    return new Backlog(rs.getLong(1), Math.max(0, rs.getDouble(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the relay's backlog could not be read: " + e.getSQLState(), e);
        }
    }
}
