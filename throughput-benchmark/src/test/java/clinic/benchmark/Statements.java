package clinic.benchmark;

import clinic.devstack.DevStack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What the services ask of PostgreSQL per filing, read from {@code pg_stat_statements} (dev-stack's server loads it):
 * statements (BEGIN and COMMIT counted among them) and the server's execution time, per database. The
 * benchmark's own reads (the drain's two polls every 100 ms) are among them and small beside a phase's filings.
 */
final class Statements implements AutoCloseable {

    private final Connection postgres;

    private Statements(Connection postgres) {
        this.postgres = postgres;
    }

    /** The server's statistics, or empty (with the reason printed) when the server does not keep them. */
    static Optional<Statements> of(DevStack stack) {
        Connection c = null;
        try {
            c = Stores.connect(stack, "postgres");
            try (Statement st = c.createStatement()) {
                st.execute("create extension if not exists pg_stat_statements");
                // the view answers only where the server loaded the library at its start
                st.executeQuery("select 1 from pg_stat_statements limit 1").close();
            }
            return Optional.of(new Statements(c));
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // nothing more to say than the reason below
                }
            }
            System.out.println("throughput: no statement statistics (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    void reset() throws SQLException {
        try (Statement st = postgres.createStatement()) {
            st.execute("select pg_stat_statements_reset()");
        }
    }

    /**
     * "complaints 14.0 statements, 1.20 ms; …" per filing since the last {@link #reset()}; prints each database's
     * costliest statements, for whoever looks for where the time goes.
     */
    String perFiling(long filings) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement st = postgres.createStatement();
             ResultSet rs = st.executeQuery("""
                     select d.datname, sum(s.calls), sum(s.total_exec_time)
                     from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     where d.datname <> 'postgres'
                     group by d.datname order by d.datname""")) {
            while (rs.next()) {
                text.append(String.format("%s %.1f statements, %.2f ms; ", rs.getString(1),
                        rs.getLong(2) / (double) filings, rs.getDouble(3) / filings));
            }
        }
        try (Statement st = postgres.createStatement();
             ResultSet rs = st.executeQuery("""
                     select d.datname, s.calls, s.total_exec_time, s.rows, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 160)
                     from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     where d.datname <> 'postgres'
                     order by s.total_exec_time desc limit 25""")) {
            System.out.println("throughput: costliest statements (database, calls per filing, ms per filing, rows per call, statement)");
            while (rs.next()) {
                long calls = rs.getLong(2);
                System.out.printf("  %-10s %6.2f %7.3f %6.1f  %s%n", rs.getString(1), calls / (double) filings,
                        rs.getDouble(3) / filings, calls == 0 ? 0.0 : rs.getLong(4) / (double) calls, rs.getString(5));
            }
        }
        return text.length() == 0 ? "—" : text.substring(0, text.length() - 2);
    }

    @Override
    public void close() throws SQLException {
        postgres.close();
    }
}
