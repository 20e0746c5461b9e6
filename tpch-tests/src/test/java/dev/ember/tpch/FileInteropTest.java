package dev.ember.tpch;

import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Files written by another engine: DuckDB writes every type Ember has (and narrower ones) as
 * Parquet, CSV and JSON; Ember reads them back and must see what DuckDB sees.
 */
class FileInteropTest {
    private static final String ROWS = """
            select i as id,
              case when i % 11 = 0 then null else i % 2 = 0 end as b,
              case when i % 13 = 0 then null else (i * 7)::smallint end as s,
              case when i % 5 = 0 then null else (i * 700001 - 1000000000) end::integer as n,
              case when i % 7 = 0 then null else i * 100000000007 end::bigint as l,
              case when i % 3 = 0 then null else i / 7.0 end::double as d,
              case when i % 4 = 0 then null else i * 12.34 end::decimal(15,2) as m,
              case when i % 6 = 0 then null else i * 1234567890.0123456789 end::decimal(38,10) as big,
              case when i % 8 = 0 then null else date '1992-01-01' + (i * 3)::integer end as day,
              case when i % 9 = 0 then null else timestamp '2000-01-01 00:00:00' + to_microseconds(i * 1234567) end as ts,
              case when i % 10 = 0 then null else 'row ' || i || case when i % 3 = 0 then ', "quoted"' else '' end end as str
            from range(1, 3001) t(i)
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "parquet;(FORMAT PARQUET);",
        "parquet;(FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 1000);",
        "csv;(FORMAT CSV, HEADER);header 'true', mode 'FAILFAST'",
        "json;(FORMAT JSON);mode 'FAILFAST'",
    })
    void emberReadsWhatDuckDbWrote(String format, String copyOptions, String emberOptions) throws Exception {
        Path file = dir.resolve("data." + format);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            st.execute("COPY (" + ROWS + ") TO '" + file + "' " + copyOptions);
            List<List<Object>> expected = rows(st.executeQuery("select * from (" + ROWS + ") order by id"));
            String columns = format.equals("parquet") ? "" : "(id bigint, b boolean, s int, n int, l bigint, d double, "
                    + "m decimal(15,2), big decimal(38,10), day date, ts timestamp, str string)";
            try (EmberSession ember = EmberSession.builder().getOrCreate()) {
                ember.sql("create table t " + columns + " using " + format + " options (path '" + file + "'"
                        + (emberOptions == null ? "" : ", " + emberOptions) + ")");
                List<List<Object>> actual = new ArrayList<>();
                for (Row r : ember.sql("select * from t order by id").collectAsList()) {
                    actual.add(normalize(r.toList()));
                }
                assertThat(actual).hasSize(3000);
                String diff = ResultComparator.compare(expected, actual);
                if (diff != null) {
                    fail(format + " written by DuckDB reads differently: " + diff);
                }
            }
        }
    }

    private static List<List<Object>> rows(ResultSet rs) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            out.add(normalize(row));
        }
        return out;
    }

    /** Compares timestamps and booleans as text in one form. */
    private static List<Object> normalize(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object v : row) {
            if (v instanceof Timestamp t) {
                v = t.toLocalDateTime();
            }
            if (v instanceof java.time.LocalDateTime || v instanceof Boolean) {
                v = v.toString();
            }
            out.add(v);
        }
        return out;
    }
}
