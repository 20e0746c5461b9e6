package dev.ember.columnar.source.csv;

import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileTestSupport;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV reading: malformed records in each mode, splits, gzip, inference, tbl. */
class CsvReadTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT), Field.of("amount", DataType.decimal(10, 2)),
            Field.of("day", DataType.DATE), Field.of("name", DataType.STRING));
    private static final String BAD = """
            id,amount,day,name
            1,1.50,2020-01-01,a
            2,abc,2020-01-02,b
            3,2.00,2020-13-01,c
            4,3.00,2020-01-04
            5,4.00,2020-01-05,e
            """;

    @TempDir
    Path dir;

    private FileTableSource open(String format, Path path, Schema schema, Map<String, String> options, ScanSettings settings) {
        Map<String, String> o = new HashMap<>(options);
        o.put("path", path.toString());
        return FileTableSource.open("t", FileFormats.get(format), schema, SourceOptions.of(o), settings);
    }

    private FileTableSource open(Path path, Map<String, String> options) {
        return open("csv", path, SCHEMA, options, ScanSettings.defaults());
    }

    @Test
    void permissiveKeepsMalformedRecordsWithNullsAndCountsThem() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), BAD);
        FileTableSource t = open(f, Map.of("header", "true"));
        assertThat(FileTestSupport.readAll(t)).containsExactly(
                List.of(1, new BigDecimal("1.50"), LocalDate.of(2020, 1, 1), "a"),
                Arrays.asList(2, null, LocalDate.of(2020, 1, 2), "b"),
                Arrays.asList(3, new BigDecimal("2.00"), null, "c"),
                Arrays.asList(4, new BigDecimal("3.00"), LocalDate.of(2020, 1, 4), null),
                List.of(5, new BigDecimal("4.00"), LocalDate.of(2020, 1, 5), "e"));
        assertThat(t.metrics().malformedRecords.sum()).isEqualTo(3);
        assertThat(t.metrics().droppedRecords.sum()).isZero();
    }

    @Test
    void dropMalformedSkipsThem() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), BAD);
        FileTableSource t = open(f, Map.of("header", "true", "mode", "dropmalformed"));
        assertThat(FileTestSupport.readAll(t, new int[] {0})).containsExactly(List.of(1), List.of(5));
        assertThat(t.metrics().droppedRecords.sum()).isEqualTo(3);
    }

    @Test
    void failFastNamesFileLineColumnAndField() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), BAD);
        FileTableSource t = open(f, Map.of("header", "true", "mode", "FAILFAST"));
        assertThatThrownBy(() -> FileTestSupport.readAll(t))
                .isInstanceOfSatisfying(ExecutionException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 3, column 3")
                .hasMessageContaining("`amount`")
                .hasMessageContaining("'abc'");
        // Columns that are not read are still checked: the answer does not depend on the projection.
        assertThatThrownBy(() -> FileTestSupport.readAll(t, new int[] {0}))
                .hasMessageContaining("line 3, column 3").hasMessageContaining("`amount`");
        Path shortRecord = Files.writeString(dir.resolve("short.csv"), "1,1.00,2020-01-01,a\n2,2.00\n");
        assertThatThrownBy(() -> FileTestSupport.readAll(open(shortRecord, Map.of("mode", "FAILFAST")), new int[] {0}))
                .hasMessageContaining("line 2").hasMessageContaining("expected 4 fields, found 2");
    }

    @Test
    void unbalancedQuotesAreMalformed() throws Exception {
        Path f = Files.writeString(dir.resolve("q.csv"), "1,2.00,2020-01-01,\"ok\"\n2,3.00,2020-01-02,\"oops\"x\n");
        assertThatThrownBy(() -> FileTestSupport.readAll(open(f, Map.of("mode", "failfast"))))
                .hasMessageContaining("line 2, column 19").hasMessageContaining("unbalanced quotes");
        assertThat(FileTestSupport.readAll(open(f, Map.of()))).hasSize(2);
    }

    @Test
    void splitsOfALargeFileReadEveryRecordOnceInOrder() throws Exception {
        StringBuilder sb = new StringBuilder("id,amount,day,name\n");
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i % 1000).append(".25,2020-01-").append(10 + i % 20).append(",\"name, ").append(i)
                    .append("\"\r\n");
        }
        sb.setLength(sb.length() - 2); // no line break at the end
        Path f = Files.writeString(dir.resolve("big.csv"), sb);
        FileTableSource whole = open(f, Map.of("header", "true"));
        FileTableSource split = open("csv", f, SCHEMA, Map.of("header", "true"), new ScanSettings(64 << 10, 0, 8, 1000));
        assertThat(whole.splits()).hasSize(1);
        assertThat(split.splits().size()).isGreaterThan(20);
        assertThat(split.numPartitions()).isGreaterThan(20);
        List<List<Object>> rows = FileTestSupport.readAll(split);
        assertThat(rows).hasSize(n).isEqualTo(FileTestSupport.readAll(whole));
        for (int i = 0; i < n; i += 997) {
            assertThat(rows.get(i)).isEqualTo(List.of(i, new BigDecimal((i % 1000) + ".25"), LocalDate.of(2020, 1, 10 + i % 20),
                    "name, " + i));
        }
        assertThat(split.metrics().splitsRead.sum()).isEqualTo(split.splits().size());
    }

    @Test
    void failFastInALaterSplitStillNamesTheLine() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            sb.append(i).append(",1.00,2020-01-01,").append(i == 17_321 ? "x\"y" : "n").append('\n');
        }
        sb.replace(sb.indexOf("17321,1.00"), sb.indexOf("17321,1.00") + 10, "17321,1.0Z");
        Path f = Files.writeString(dir.resolve("late.csv"), sb);
        FileTableSource t = open("csv", f, SCHEMA, Map.of("mode", "FAILFAST"), new ScanSettings(32 << 10, 0, 4, 4096));
        assertThat(t.splits().size()).isGreaterThan(5);
        assertThatThrownBy(() -> FileTestSupport.readAll(t)).hasMessageContaining("line 17321, column 7");
    }

    @Test
    void gzipFilesAreReadWhole() throws Exception {
        Path f = dir.resolve("z.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            for (int i = 0; i < 10_000; i++) {
                out.write((i + ",0.5,2021-02-03,z" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        FileTableSource t = open("csv", f, SCHEMA, Map.of(), new ScanSettings(1024, 0, 8, 4096));
        assertThat(t.splits()).hasSize(1);
        List<List<Object>> rows = FileTestSupport.readAll(t);
        assertThat(rows).hasSize(10_000);
        assertThat(rows.get(9_999)).containsExactly(9_999, new BigDecimal("0.50"), LocalDate.of(2021, 2, 3), "z9999");
    }

    @Test
    void infersTypesAndNames() throws Exception {
        Path f = Files.writeString(dir.resolve("i.csv"), """
                a,b,c,d,e,f,g,h
                1,3000000000,1.5,true,2020-01-01,2020-01-01 10:00:00,x,
                2,4,2,false,2020-01-02,2020-01-02T11:30:00.5,"y, z",
                """);
        FileTableSource t = open("csv", f, null, Map.of("header", "true"), ScanSettings.defaults());
        assertThat(t.schema().names()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(t.schema().types()).containsExactly(DataType.INT, DataType.BIGINT, DataType.DOUBLE, DataType.BOOLEAN,
                DataType.DATE, DataType.TIMESTAMP, DataType.STRING, DataType.STRING);
        assertThat(FileTestSupport.readAll(t).get(1)).containsExactly(2, 4L, 2.0, false, LocalDate.of(2020, 1, 2),
                LocalDateTime.of(2020, 1, 2, 11, 30, 0, 500_000_000), "y, z", null);

        FileTableSource noHeader = open("csv", f, null, Map.of("prefersDecimal", "true", "samplingRows", "1"),
                ScanSettings.defaults());
        assertThat(noHeader.schema().names()).startsWith("_c0", "_c1");
        assertThat(noHeader.schema().types()).allMatch(DataType.STRING::equals);

        FileTableSource decimals = open("csv", f, null, Map.of("header", "true", "prefersDecimal", "true"), ScanSettings.defaults());
        assertThat(decimals.schema().type(2)).isEqualTo(DataType.decimal(2, 1));
        FileTableSource strings = open("csv", f, null, Map.of("header", "true", "inferSchema", "false"), ScanSettings.defaults());
        assertThat(strings.schema().types()).allMatch(DataType.STRING::equals);
    }

    @Test
    void readsTpchTblFiles() throws Exception {
        Path f = Files.writeString(dir.resolve("region.tbl"), """
                0|AFRICA|lar deposits. blithely final packages cajole.|
                1|AMERICA|hs use ironic, even requests. s|
                """);
        Schema s = Schema.of(Field.of("r_regionkey", DataType.BIGINT), Field.of("r_name", DataType.STRING),
                Field.of("r_comment", DataType.STRING));
        List<List<Object>> rows = FileTestSupport.readAll(open("tbl", f, s, Map.of("mode", "failfast"), ScanSettings.defaults()));
        assertThat(rows).containsExactly(List.of(0L, "AFRICA", "lar deposits. blithely final packages cajole."),
                List.of(1L, "AMERICA", "hs use ironic, even requests. s"));
        assertThat(open("tbl", f, null, Map.of(), ScanSettings.defaults()).schema().types())
                .containsExactly(DataType.INT, DataType.STRING, DataType.STRING);
    }

    @Test
    void badOptionsAreRejectedWithASuggestion() throws Exception {
        Path f = Files.writeString(dir.resolve("o.csv"), "1\n");
        assertThatThrownBy(() -> open(f, Map.of("hedaer", "true"))).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("unknown option 'hedaer'").hasMessageContaining("header");
        assertThatThrownBy(() -> open(f, Map.of("mode", "lenient"))).hasMessageContaining("PERMISSIVE, DROPMALFORMED, FAILFAST");
        assertThatThrownBy(() -> open(dir.resolve("missing"), Map.of())).hasMessageContaining("path does not exist");
    }

    @Test
    void blankLinesAndCommentsAreSkipped() throws Exception {
        Path f = Files.writeString(dir.resolve("c.csv"), "# a comment\n1,1,2020-01-01,a\n\n\r\n2,2,2020-01-02,b\n");
        List<List<Object>> rows = FileTestSupport.readAll(open(f, Map.of("comment", "#", "mode", "failfast")), new int[] {0});
        assertThat(rows).containsExactly(List.of(1), List.of(2));
        List<Object> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get(0)));
        assertThat(ids).hasSize(2);
    }

    @Test
    void emptyFilesAndFilesOfAnotherFormatAreClearErrors() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThatThrownBy(() -> open("csv", empty, null, Map.of(), ScanSettings.defaults()))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("cannot infer the columns");
        assertThat(FileTestSupport.readAll(open(empty, Map.of()))).isEmpty();
        Path notParquet = Files.writeString(dir.resolve("x.parquet"), "id,name\n1,a\n");
        assertThatThrownBy(() -> open("parquet", notParquet, null, Map.of(), ScanSettings.defaults()))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("is not a Parquet file");
        assertThatThrownBy(() -> open("arrow", notParquet, null, Map.of(), ScanSettings.defaults()))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("x.parquet");
    }

    @Test
    void tblIsWrittenAsDbgenWritesIt() throws Exception {
        Schema s = Schema.of(Field.of("k", DataType.BIGINT), Field.of("name", DataType.STRING), Field.of("c", DataType.STRING));
        try (org.apache.arrow.memory.BufferAllocator a = dev.ember.columnar.ArrowRuntime.newChild("tbl", Long.MAX_VALUE);
             dev.ember.columnar.ColumnBatch b = FileTestSupport.batch(s, List.of(List.of(0L, "AFRICA", "lar deposits. "),
                     List.of(1L, "AMERICA", " hs use ironic, even requests. s")), a)) {
            FileFormats.get("tbl").write(s, List.of(b), dir.resolve("region"), Map.of(),
                    dev.ember.columnar.source.file.SaveMode.ERROR_IF_EXISTS);
        }
        Path file;
        try (var files = Files.list(dir.resolve("region"))) {
            file = files.filter(p -> p.toString().endsWith(".tbl")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(file)).isEqualTo("0|AFRICA|lar deposits. |\n1|AMERICA| hs use ironic, even requests. s|\n");
        assertThat(FileTestSupport.readAll(open("tbl", file, s, Map.of("mode", "failfast"), ScanSettings.defaults())))
                .containsExactly(List.of(0L, "AFRICA", "lar deposits. "), List.of(1L, "AMERICA", " hs use ironic, even requests. s"));
    }
}
