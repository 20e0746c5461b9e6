package dev.ember.columnar.source.json;

import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileTestSupport;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON lines: inference, nested values as text, malformed lines in each mode. */
class JsonReadTest {
    @TempDir
    Path dir;

    private FileTableSource open(Path f, Schema schema, Map<String, String> options) {
        Map<String, String> o = new java.util.HashMap<>(options);
        o.put("path", f.toString());
        return FileTableSource.open("j", FileFormats.get("json"), schema, SourceOptions.of(o), ScanSettings.defaults());
    }

    @Test
    void infersColumnsFromASample() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), """
                {"id": 1, "price": 1.5, "ok": true, "day": "2020-01-01", "at": "2020-01-01T10:00:00", "name": "x", "tags": [1, 2]}
                {"id": 2, "price": 2, "ok": false, "day": "2020-01-02", "at": "2020-01-02 11:00:00.25", "extra": {"k": "v"}}

                {"ID": 3, "name": null}
                """);
        FileTableSource t = open(f, null, Map.of());
        assertThat(t.schema().names()).containsExactly("id", "price", "ok", "day", "at", "name", "tags", "extra");
        assertThat(t.schema().types()).containsExactly(DataType.BIGINT, DataType.DOUBLE, DataType.BOOLEAN, DataType.DATE,
                DataType.TIMESTAMP, DataType.STRING, DataType.STRING, DataType.STRING);
        List<List<Object>> rows = FileTestSupport.readAll(t);
        assertThat(rows).containsExactly(
                Arrays.asList(1L, 1.5, true, LocalDate.of(2020, 1, 1), LocalDateTime.of(2020, 1, 1, 10, 0), "x", "[1,2]", null),
                Arrays.asList(2L, 2.0, false, LocalDate.of(2020, 1, 2), LocalDateTime.of(2020, 1, 2, 11, 0, 0, 250_000_000), null,
                        null, "{\"k\":\"v\"}"),
                Arrays.asList(3L, null, null, null, null, null, null, null));
        assertThat(open(f, null, Map.of("inferDates", "false")).schema().type(3)).isEqualTo(DataType.STRING);
    }

    @Test
    void malformedLinesInEachMode() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.json"), """
                {"id": 1, "day": "2020-01-01"}
                {"id": "two", "day": "2020-01-02"}
                not json at all
                {"id": 4, "day": "2020-02-30"}
                {"id": 5}
                """);
        Schema s = Schema.of(Field.of("id", DataType.INT), Field.of("day", DataType.DATE));
        FileTableSource permissive = open(f, s, Map.of());
        assertThat(FileTestSupport.readAll(permissive)).containsExactly(Arrays.asList(1, LocalDate.of(2020, 1, 1)),
                Arrays.asList(null, LocalDate.of(2020, 1, 2)), Arrays.asList(null, null), Arrays.asList(4, null),
                Arrays.asList(5, null));
        assertThat(permissive.metrics().malformedRecords.sum()).isEqualTo(3);
        assertThat(FileTestSupport.readAll(open(f, s, Map.of("mode", "DROPMALFORMED")))).containsExactly(
                Arrays.asList(1, LocalDate.of(2020, 1, 1)), Arrays.asList(5, null));
        assertThatThrownBy(() -> FileTestSupport.readAll(open(f, s, Map.of("mode", "FAILFAST"))))
                .isInstanceOfSatisfying(ExecutionException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD))
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2").hasMessageContaining("`id`");
    }
}
