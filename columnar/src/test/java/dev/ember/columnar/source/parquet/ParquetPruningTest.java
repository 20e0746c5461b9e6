package dev.ember.columnar.source.parquet;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.source.PushedPredicate.Op;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileTestSupport;
import dev.ember.columnar.source.file.SaveMode;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Row groups pruned by statistics, only selected columns read, Hive partitions pruned by their values. */
class ParquetPruningTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.BIGINT), Field.of("day", DataType.DATE),
            Field.of("price", DataType.decimal(15, 2)), Field.of("tag", DataType.STRING));

    @TempDir
    Path dir;

    /** 100,000 rows whose day grows with id (as data written sorted), in row groups of 10,000. */
    private FileTableSource sortedTable() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(Arrays.asList((long) i, LocalDate.of(2000, 1, 1).plusDays(i / 100), BigDecimal.valueOf(i % 5000, 2),
                    i % 7 == 0 ? null : "t" + (i % 3)));
        }
        try (BufferAllocator a = ArrowRuntime.newChild("test", Long.MAX_VALUE);
             ColumnBatch b = FileTestSupport.batch(SCHEMA, rows, a)) {
            FileFormats.get("parquet").write(SCHEMA, List.of(b), dir.resolve("t"), Map.of("rowGroupRows", "10000"),
                    SaveMode.ERROR_IF_EXISTS);
        }
        return FileTableSource.open("t", FileFormats.get("parquet"), null,
                SourceOptions.of(Map.of("path", dir.resolve("t").toString())), ScanSettings.defaults());
    }

    @Test
    void rowGroupsOutsideAPushedRangeAreNotRead() {
        FileTableSource t = sortedTable();
        assertThat(t.splits()).hasSize(10);
        // day >= 2002-06-01 is day number 882 onwards: ids from 88,200, in the last two row groups.
        LocalDate from = LocalDate.of(2002, 6, 1);
        TableSource pruned = t.pushFilters(List.of(PushedPredicate.of(1, Op.GT_EQ, from)));
        assertThat(((FileTableSource) pruned).splits()).hasSize(2);
        assertThat(t.metrics().rowGroupsPruned.sum()).isEqualTo(8);
        assertThat(t.metrics().rowGroupsSelected.sum()).isEqualTo(2);
        List<List<Object>> rows = FileTestSupport.readAll(pruned, new int[] {0, 1});
        assertThat(t.metrics().rowGroupsRead.sum()).isEqualTo(2);
        long matching = rows.stream().filter(r -> !((LocalDate) r.get(1)).isBefore(from)).count();
        assertThat(matching).isEqualTo(100_000 - 88_200);
        assertThat(pruned.statistics().rowCount()).isEqualTo(20_000);
        assertThat(((FileTableSource) pruned).describePruning()).contains("2 of 10 splits", "day >= 2002-06-01");
    }

    @Test
    void everyOperatorPrunesOnlyWhatCannotMatch() {
        FileTableSource t = sortedTable();
        assertThat(count(t, PushedPredicate.of(0, Op.EQ, 15_000L))).isEqualTo(1);
        assertThat(count(t, PushedPredicate.of(0, Op.LT, 10_000))).isEqualTo(1);
        assertThat(count(t, PushedPredicate.of(0, Op.LT_EQ, 10_000L))).isEqualTo(2);
        assertThat(count(t, PushedPredicate.of(0, Op.GT, 89_999L))).isEqualTo(1);
        assertThat(count(t, PushedPredicate.in(0, List.of(5L, 55_555L, 1_000_000L)))).isEqualTo(2);
        assertThat(count(t, PushedPredicate.of(0, Op.NOT_EQ, 3L))).isEqualTo(10);
        assertThat(count(t, PushedPredicate.of(2, Op.GT, new BigDecimal("49.99")))).isEqualTo(0);
        assertThat(count(t, PushedPredicate.of(2, Op.GT_EQ, new BigDecimal("49.99")))).isEqualTo(10);
        assertThat(count(t, PushedPredicate.of(3, Op.EQ, "t9"))).isEqualTo(0);
        assertThat(count(t, PushedPredicate.of(3, Op.EQ, "t1"))).isEqualTo(10);
        assertThat(count(t, PushedPredicate.isNull(3))).isEqualTo(10);
        assertThat(count(t, PushedPredicate.isNull(0))).isEqualTo(0);
        assertThat(count(t, PushedPredicate.isNotNull(0))).isEqualTo(10);
        // A conjunction prunes by every conjunct.
        assertThat(((FileTableSource) t.pushFilters(List.of(PushedPredicate.of(0, Op.GT_EQ, 20_000L),
                PushedPredicate.of(0, Op.LT, 40_000L)))).splits()).hasSize(2);
    }

    private static int count(FileTableSource t, PushedPredicate p) {
        return ((FileTableSource) t.pushFilters(List.of(p))).splits().size();
    }

    @Test
    void aProjectionReadsOnlyTheSelectedColumnChunks() throws Exception {
        TpchTableData lineitem = TpchData.table("lineitem", 0.01);
        List<ColumnBatch> batches = new ArrayList<>();
        lineitem.partitions().forEach(batches::addAll);
        FileFormats.get("parquet").write(lineitem.schema(), batches, dir.resolve("lineitem"), Map.of(), SaveMode.ERROR_IF_EXISTS);
        FileTableSource t = FileTableSource.open("lineitem", FileFormats.get("parquet"), null,
                SourceOptions.of(Map.of("path", dir.resolve("lineitem").toString())), ScanSettings.defaults());
        FileTestSupport.readAll(t);
        long all = t.metrics().bytesRead.sum();
        t.metrics().reset();
        int shipdate = t.schema().indexOf("l_shipdate");
        List<List<Object>> one = FileTestSupport.readAll(t, new int[] {shipdate});
        long single = t.metrics().bytesRead.sum();
        assertThat(one).hasSize((int) lineitem.rowCount());
        assertThat(single).isPositive().isLessThan(all / 8);
        t.metrics().reset();
        assertThat(FileTestSupport.readAll(t, new int[0])).hasSize((int) lineitem.rowCount());
        assertThat(t.metrics().bytesRead.sum()).isZero();
    }

    @Test
    void hivePartitionsBecomeColumnsAndArePrunedByTheirValues() {
        Schema s = Schema.of(Field.of("id", DataType.INT), Field.of("region", DataType.STRING), Field.of("year", DataType.INT));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(Arrays.asList(i, i % 3 == 0 ? "eu/west" : i % 3 == 1 ? "us" : null, 2020 + i % 2));
        }
        try (BufferAllocator a = ArrowRuntime.newChild("test", Long.MAX_VALUE);
             ColumnBatch b = FileTestSupport.batch(s, rows, a)) {
            FileFormats.get("parquet").write(s, List.of(b), dir.resolve("p"), Map.of("partitionBy", "year,region"),
                    SaveMode.ERROR_IF_EXISTS);
        }
        assertThat(dir.resolve("p/year=2020/region=eu%2Fwest")).isDirectory();
        assertThat(dir.resolve("p/year=2021/region=__HIVE_DEFAULT_PARTITION__")).isDirectory();
        FileTableSource t = FileTableSource.open("p", FileFormats.get("parquet"), null,
                SourceOptions.of(Map.of("path", dir.resolve("p").toString())), ScanSettings.defaults());
        assertThat(t.schema().names()).containsExactly("id", "year", "region");
        assertThat(t.schema().types()).containsExactly(DataType.INT, DataType.INT, DataType.STRING);
        assertThat(t.files()).hasSize(6);
        List<List<Object>> all = FileTestSupport.readAll(t);
        assertThat(all).hasSize(60).contains(Arrays.asList(3, 2021, "eu/west"), Arrays.asList(5, 2021, null));

        FileTableSource us2020 = (FileTableSource) t.pushFilters(List.of(PushedPredicate.of(1, Op.EQ, 2020),
                PushedPredicate.of(2, Op.EQ, "us")));
        assertThat(us2020.files().size()).isEqualTo(6);
        assertThat(us2020.splits()).hasSize(1);
        assertThat(t.metrics().filesPruned.sum()).isEqualTo(5);
        assertThat(FileTestSupport.readAll(us2020, new int[] {2, 0})).hasSize(10).allMatch(r -> r.get(0).equals("us"));
        FileTableSource nulls = (FileTableSource) t.pushFilters(List.of(PushedPredicate.isNull(2)));
        assertThat(nulls.splits()).hasSize(2);
    }
}
