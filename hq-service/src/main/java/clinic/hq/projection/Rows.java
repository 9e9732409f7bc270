package clinic.hq.projection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One statement on the transaction's connection, the way every read model here writes its rows (plain JDBC: a null
 * goes to PostgreSQL untyped and takes the column's type).
 */
final class Rows {

    private Rows() {
    }

    /** Runs {@code sql} with {@code params} (an Instant as a timestamp); returns the rows it changed. */
    static int execute(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("read model write failed: " + e.getMessage(), e);
        }
    }
}
