package clinic.eventstore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One plain statement on the transaction's connection (Agroal hands the running transaction its own), for the rows a
 * service writes or reads on every event or request: a Hibernate native query costs several times the statement itself
 * there. Values are bound in order; an {@link Instant} as a timestamp, a null untyped (it takes the column's type).
 * A failure says the SQL state in its own message; the server's message, which may quote values, stays in the cause.
 */
public final class Sql {

    /** The row a query found, as the caller wants it. */
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code sql} with {@code params}; returns the rows it changed. */
    public static int execute(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The first row {@code sql} finds with {@code params}, read by {@code row}; null when it finds none. */
    public static <T> T first(DataSource db, String sql, Row<T> row, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row.read(rs) : null;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
        }
    }

    /** Keeps the SQLException as the cause: {@link TransientFailures} looks for it there. */
    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("a statement failed (SQL state " + e.getSQLState() + ")", e);
    }
}
