package dev.ember.columnar.source.file;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchTableData;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A large file is cut into splits read by separate tasks; together they read every row once, in order. */
class SplitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "arrow", "parquet"})
    void splitsReadEveryRowOnceInFileOrder(String format) {
        TpchTableData orders = TpchData.table("orders", 0.01);
        List<ColumnBatch> batches = new ArrayList<>();
        orders.partitions().forEach(batches::addAll);
        Map<String, String> options = format.equals("parquet") ? Map.of("rowGroupRows", "2000") : Map.of();
        try (BufferAllocator a = ArrowRuntime.newChild("split-test", Long.MAX_VALUE)) {
            // One file: concatenate the partitions' batches into a single group.
            FileWrites.writeGroups(FileFormats.get(format), orders.schema(), List.of(batches), dir.resolve("o"),
                    SourceOptions.of(options), SaveMode.ERROR_IF_EXISTS, 2);
        }
        SourceOptions so = SourceOptions.of(Map.of("path", dir.resolve("o").toString()));
        FileTableSource whole = FileTableSource.open("o", FileFormats.get(format), orders.schema(), so,
                new ScanSettings(1L << 30, 0, 1, 4096));
        FileTableSource split = FileTableSource.open("o", FileFormats.get(format), orders.schema(), so,
                new ScanSettings(64 << 10, 0, 8, 1000));
        assertThat(whole.files()).hasSize(1);
        assertThat(split.numPartitions()).isGreaterThan(3);
        List<List<Object>> expected = FileTestSupport.readAll(whole);
        assertThat(expected).hasSize((int) orders.rowCount());
        assertThat(FileTestSupport.readAll(split)).isEqualTo(expected);
    }
}
