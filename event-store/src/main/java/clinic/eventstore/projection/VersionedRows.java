package clinic.eventstore.projection;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a read model's rows in one statement, each row keeping its stream's newest version: a row is inserted, or
 * updated unless it holds a newer version already (a live step that committed after a rebuild batch read the stream
 * keeps its row; one being written right now is waited for on its row lock, then the same rule applies).
 *
 * <p>Every column goes as a text array, unnested row by row and cast to its type, so one statement serves one row (a
 * live step, in the step's transaction) or a thousand (a rebuild batch), with no entity loaded and no session flushed.
 * The first column is the key; one column must be {@code version}.
 */
public final class VersionedRows {

    private final String table;
    private final String sql;
    private final int columns;

    /** @param columns each {name, SQL type}, the key first */
    public VersionedRows(String table, String[][] columns) {
        if (Arrays.stream(columns).noneMatch(c -> c[0].equals("version"))) {
            throw new IllegalArgumentException(table + ": a versioned row needs a version column");
        }
        this.table = table;
        this.columns = columns.length;
        String names = Arrays.stream(columns).map(c -> c[0]).collect(Collectors.joining(", "));
        this.sql = "insert into " + table + " (" + names + ") select "
                + Arrays.stream(columns).map(c -> c[0] + "::" + c[1]).collect(Collectors.joining(", "))
                + " from unnest(" + Arrays.stream(columns).map(c -> "?::text[]").collect(Collectors.joining(", "))
                + ") as r(" + names + ") on conflict (" + columns[0][0] + ") do update set "
                + Arrays.stream(columns).skip(1).map(c -> c[0] + " = excluded." + c[0]).collect(Collectors.joining(", "))
                + " where " + table + ".version <= excluded.version";
    }

    /** Writes {@code rows} (each its columns' values as text, in the constructor's order; null for SQL null). */
    public void write(AgroalDataSource dataSource, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[][] byColumn = new String[columns][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (row.length != columns) {
                throw new IllegalArgumentException(table + ": a row of " + row.length + " values for " + columns + " columns");
            }
            for (int col = 0; col < columns; col++) {
                byColumn[col][i] = row[col];
            }
        }
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int col = 0; col < columns; col++) {
                ps.setArray(col + 1, conn.createArrayOf("text", byColumn[col]));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.size() + " rows of " + table + " failed", e);
        }
    }

    /** A value as the statement takes it: its text, or null. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
