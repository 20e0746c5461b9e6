package dev.ember.columnar.source.file;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type written and read back equal, for each format and its variants. */
class RoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "csv;",
        "csv;header=true",
        "csv;header=true,compression=gzip",
        "csv;delimiter=\\t,escape=\\\\,nullValue=NULL",
        "tbl;",
        "parquet;",
        "parquet;compression=zstd",
        "parquet;compression=gzip",
        "parquet;compression=none",
        "parquet;compression=lz4_raw",
        "parquet;pageVersion=2",
        "parquet;pageVersion=2,compression=zstd",
        "arrow;",
        "arrow;ipcFormat=stream",
        "json;",
        "json;compression=gzip,ignoreNullFields=false",
    })
    void everyTypeSurvivesAWriteAndARead(String format, String opts) throws Exception {
        Map<String, String> options = new HashMap<>();
        if (opts != null) {
            for (String kv : opts.split(",")) {
                String[] p = kv.split("=", 2);
                options.put(p[0], p[1]);
            }
        }
        FileFormat f = FileFormats.get(format);
        Schema schema = FileTestSupport.ALL_TYPES;
        List<List<Object>> rows = FileTestSupport.allTypesRows();
        Path out = dir.resolve("t");
        try (BufferAllocator a = ArrowRuntime.newChild("test", Long.MAX_VALUE);
             ColumnBatch b = FileTestSupport.batch(schema, rows, a);
             ColumnBatch b2 = FileTestSupport.batch(schema, rows, a)) {
            FileWrites.Result r = f.write(schema, List.of(b, b2), out, options, SaveMode.ERROR_IF_EXISTS);
            assertThat(r.rows()).isEqualTo(2L * rows.size());
            assertThat(r.files()).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
        }
        SourceOptions so = SourceOptions.of(options).with("path", out.toString());
        FileTableSource t = FileTableSource.open("t", f, schema, so, ScanSettings.defaults());
        List<List<Object>> expected = new ArrayList<>(rows);
        expected.addAll(rows);
        assertThat(FileTestSupport.readAll(t)).containsExactlyElementsOf(normalize(expected, format, options));

        if (format.equals("parquet") || format.equals("arrow")) {
            // Self-describing formats give back the very schema they were written with.
            FileTableSource inferred = FileTableSource.open("t", f, null, so, ScanSettings.defaults());
            assertThat(inferred.schema().types()).containsExactlyElementsOf(schema.types());
            assertThat(FileTestSupport.readAll(inferred)).containsExactlyElementsOf(expected);
        }
    }

    /** Text formats cannot tell an empty string from NULL when the null value is the empty string and quoting is off. */
    private static List<List<Object>> normalize(List<List<Object>> rows, String format, Map<String, String> options) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> c = new ArrayList<>(r);
            for (int i = 0; i < c.size(); i++) {
                if (c.get(i) instanceof BigDecimal d) {
                    c.set(i, d);
                }
            }
            out.add(c);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"parquet", "arrow", "csv", "json"})
    void projectionReturnsOnlyTheAskedColumnsInTheAskedOrder(String format) throws Exception {
        FileFormat f = FileFormats.get(format);
        Schema schema = FileTestSupport.ALL_TYPES;
        Path out = dir.resolve("p");
        try (BufferAllocator a = ArrowRuntime.newChild("test", Long.MAX_VALUE);
             ColumnBatch b = FileTestSupport.batch(schema, FileTestSupport.allTypesRows(), a)) {
            f.write(schema, List.of(b), out, Map.of(), SaveMode.ERROR_IF_EXISTS);
        }
        FileTableSource t = FileTableSource.open("p", f, schema, SourceOptions.of(Map.of("path", out.toString())),
                ScanSettings.defaults());
        List<List<Object>> got = FileTestSupport.readAll(t, new int[] {8, 1});
        assertThat(got).hasSize(5);
        assertThat(got.get(0)).containsExactly("plain", 1);
        assertThat(FileTestSupport.readAll(t, new int[0])).hasSize(5);
        assertThat(schema.type(1)).isEqualTo(DataType.INT);
    }
}
