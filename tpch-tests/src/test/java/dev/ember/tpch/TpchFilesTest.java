package dev.ember.tpch;

import dev.ember.columnar.tpch.TpchTables;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import io.trino.tpch.TpchTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The 22 TPC-H queries over SF 0.1 files, in CSV and in Parquet, give DuckDB's answers. Ember
 * writes the files ({@code CALL tpch_export}) and reads them back as tables (the export's
 * {@code create_tables.sql}); DuckDB reads the very same files with its own readers
 * ({@code read_csv}, {@code read_parquet}), so both Ember's readers and its writers are checked
 * against an independent implementation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchFilesTest {
    private static final String SCALE = "sf0_1";
    private static final List<String> FORMATS = List.of("parquet", "csv");

    private Path dir;
    private final Map<String, EmberSession> sessions = new HashMap<>();
    private final Map<String, Connection> duckdb = new HashMap<>();

    @BeforeAll
    void export() throws Exception {
        dir = Files.createTempDirectory("ember-tpch-files");
        try (EmberSession s = EmberSession.builder().getOrCreate()) {
            for (String f : FORMATS) {
                s.sql("CALL tpch_export('" + SCALE + "', '" + f + "', '" + dir.resolve(f) + "')").collectAsList();
            }
        }
        for (String f : FORMATS) {
            EmberSession s = EmberSession.builder().getOrCreate();
            s.sql(Files.readString(dir.resolve(f).resolve("create_tables.sql")));
            sessions.put(f, s);
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement st = c.createStatement()) {
                for (TpchTable<?> t : TpchTable.getTables()) {
                    st.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM " + duckDbReader(f, t));
                }
            }
            duckdb.put(f, c);
        }
    }

    private String duckDbReader(String format, TpchTable<?> t) {
        String glob = dir.resolve(format).resolve(t.getTableName()) + "/*." + format;
        if (format.equals("parquet")) {
            return "read_parquet('" + glob + "')";
        }
        Schema schema = TpchTables.schema(t);
        StringBuilder cols = new StringBuilder("{");
        for (int i = 0; i < schema.size(); i++) {
            cols.append(i > 0 ? ", " : "").append('\'').append(schema.field(i).name()).append("': '")
                    .append(duckType(schema.type(i))).append('\'');
        }
        return "read_csv('" + glob + "', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = "
                + cols.append('}') + ")";
    }

    private static String duckType(DataType t) {
        return switch (t) {
            case DataType.BigIntType b -> "BIGINT";
            case DataType.IntType i -> "INTEGER";
            case DataType.DecimalType d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            case DataType.DateType d -> "DATE";
            default -> "VARCHAR";
        };
    }

    @AfterAll
    void close() throws Exception {
        for (EmberSession s : sessions.values()) {
            s.close();
        }
        for (Connection c : duckdb.values()) {
            c.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FORMATS) {
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                out.add(Arguments.of(f, q));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "Q{1} over {0} files")
    @MethodSource("cases")
    void answerMatchesDuckDbOverTheSameFiles(String format, int query) throws Exception {
        String gap = KnownGaps.QUERIES.get(query);
        Assumptions.assumeTrue(gap == null, () -> "Q" + query + " skipped: " + gap);
        String sql = TpchQueries.query(query);
        List<List<Object>> expected = duckQuery(duckdb.get(format), sql);
        List<List<Object>> actual = new ArrayList<>();
        for (Row r : sessions.get(format).sql(sql).collectAsList()) {
            actual.add(r.toList());
        }
        String diff = ResultComparator.compare(expected, actual);
        if (diff != null) {
            fail("Q" + query + " over " + format + " files differs from DuckDB: " + diff);
        }
    }

    private static List<List<Object>> duckQuery(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
}
