package dev.ember.tpch.bench;

import dev.ember.columnar.tpch.TpchTables;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * DuckDB, in this JVM through its JDBC driver (found at run time: the benchmark compiles
 * without it), over the very files Ember exported: loaded into DuckDB's own tables for
 * {@code --source memory}, read in place with {@code read_parquet} / {@code read_csv} for the
 * file sources, as Ember reads them. A timed run is {@code executeQuery} and every value read.
 */
final class DuckDbEngine implements AutoCloseable {
    static final String DRIVER = "org.duckdb.DuckDBDriver";

    private final Connection connection;
    private final ScheduledExecutorService timer;
    private final int timeoutSeconds;

    DuckDbEngine(ScheduledExecutorService timer, int timeoutSeconds) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        this.timer = timer;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Whether DuckDB's JDBC driver is on the classpath. */
    static boolean available() {
        try {
            Class.forName(DRIVER);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Declares the eight tables over {@code dir/<table>/*.<format>}, copying them in when {@code load}. */
    void declare(Path dir, String format, boolean load) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String table : TpchTables.names()) {
                String reader = reader(dir, format, table);
                s.execute(load ? "CREATE TABLE " + table + " AS SELECT * FROM " + reader
                        : "CREATE VIEW " + table + " AS SELECT * FROM " + reader);
            }
        }
    }

    private static String reader(Path dir, String format, String table) {
        String glob = sqlString(dir.resolve(table).toAbsolutePath() + "/*." + format);
        if (format.equals("parquet")) {
            return "read_parquet(" + glob + ")";
        }
        Schema schema = TpchTables.schema(TpchTables.table(table).orElseThrow());
        StringBuilder cols = new StringBuilder("{");
        for (int i = 0; i < schema.size(); i++) {
            cols.append(i > 0 ? ", " : "").append(sqlString(schema.field(i).name())).append(": ")
                    .append(sqlString(type(schema.type(i))));
        }
        return "read_csv(" + glob + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = "
                + cols.append('}') + ")";
    }

    private static String type(DataType t) {
        return switch (t) {
            case DataType.BigIntType b -> "BIGINT";
            case DataType.IntType i -> "INTEGER";
            case DataType.DecimalType d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            case DataType.DateType d -> "DATE";
            default -> "VARCHAR";
        };
    }

    private static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    Timed run(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            ScheduledFuture<?> cancel = timeoutSeconds > 0 ? timer.schedule(() -> {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    // the run ends by itself then
                }
            }, timeoutSeconds, TimeUnit.SECONDS) : null;
            try {
                long t0 = System.nanoTime();
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                return new Timed(rows, (System.nanoTime() - t0) / 1e6, Double.NaN, Double.NaN);
            } finally {
                if (cancel != null) {
                    cancel.cancel(false);
                }
            }
        }
    }

    String explain(String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                sb.append(rs.getString(rs.getMetaData().getColumnCount())).append('\n');
            }
        }
        return sb.toString();
    }

    /** DuckDB's version, threads and memory limit, for the report. */
    String describe() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select version(), current_setting('threads'), current_setting('memory_limit')")) {
            rs.next();
            return "DuckDB " + rs.getString(1) + " (JDBC), threads " + rs.getString(2) + ", memory_limit " + rs.getString(3);
        } catch (SQLException e) {
            return "DuckDB (version unknown: " + e.getMessage() + ")";
        }
    }

    String version() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
