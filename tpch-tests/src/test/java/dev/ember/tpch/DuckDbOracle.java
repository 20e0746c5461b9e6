package dev.ember.tpch;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.tpch.TpchTables;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB loaded with the very rows Ember generated (read from Ember's own tpch batches and
 * appended, value by value), so both engines answer over identical data.
 */
public final class DuckDbOracle implements AutoCloseable {
    private final Connection connection;

    public DuckDbOracle(double scaleFactor) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        for (String table : TpchTables.names()) {
            load(table, scaleFactor);
        }
    }

    private static String sqlType(DataType t) {
        return switch (t) {
            case DataType.BigIntType b -> "BIGINT";
            case DataType.IntType i -> "INTEGER";
            case DataType.DecimalType d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            case DataType.DateType d -> "DATE";
            case DataType.StringType s -> "VARCHAR";
            default -> throw new IllegalArgumentException(t.sql());
        };
    }

    private void load(String table, double sf) throws SQLException {
        TpchTableData data = TpchData.table(table, sf);
        Schema schema = data.schema();
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (int i = 0; i < schema.size(); i++) {
            ddl.append(i > 0 ? ", " : "").append(schema.field(i).name()).append(' ').append(sqlType(schema.type(i)))
                    .append(" NOT NULL");
        }
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
        try (DuckDBAppender a = connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (List<ColumnBatch> partition : data.partitions()) {
                for (ColumnBatch b : partition) {
                    for (int r = 0; r < b.rowCount(); r++) {
                        a.beginRow();
                        for (int c = 0; c < schema.size(); c++) {
                            switch (schema.type(c)) {
                                case DataType.BigIntType t -> a.append(((BigIntVector) b.vector(c)).get(r));
                                case DataType.IntType t -> a.append(((IntVector) b.vector(c)).get(r));
                                case DataType.DecimalType t -> a.appendDecimal(((BigIntVector) b.vector(c)).get(r));
                                case DataType.DateType t -> a.appendEpochDays(((DateDayVector) b.vector(c)).get(r));
                                case DataType.StringType t -> a.append(new String(((VarCharVector) b.vector(c)).get(r), StandardCharsets.UTF_8));
                                default -> throw new IllegalStateException();
                            }
                        }
                        a.endRow();
                    }
                }
            }
        }
    }

    /** The query's rows, each value as JDBC's getObject gives it. */
    public List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
