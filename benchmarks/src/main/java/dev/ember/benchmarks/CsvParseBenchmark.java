package dev.ember.benchmarks;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileWrites;
import dev.ember.columnar.source.file.SaveMode;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.tpch.TpchTableData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CSV parsing: lineitem written once as CSV with a header (as {@code tpch_export} writes it,
 * about 76 MB at SF 0.1) and read back with its declared types, every split in turn on one
 * thread. {@code all} parses the 16 columns; {@code numbers} four numeric ones (the others are
 * skipped, not parsed). The file is in the page cache after the first pass, so this measures
 * parsing, not the disk. Time per pass over the file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CsvParseBenchmark {
    @Param({"0.1"})
    public double sf;

    @Param({"all", "numbers"})
    public String columns;

    private KernelData data;
    private Path dir;
    private FileTableSource table;
    private int[] read;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = new KernelData();
        TpchTableData lineitem = KernelData.table("lineitem", sf);
        dir = Files.createTempDirectory("ember-jmh-csv");
        FileFormat csv = FileFormats.get("csv");
        SourceOptions options = SourceOptions.of(Map.of("header", "true"));
        FileWrites.writeGroups(csv, lineitem.schema(), lineitem.partitions(), dir.resolve("lineitem"), options,
                SaveMode.OVERWRITE, Runtime.getRuntime().availableProcessors());
        table = FileTableSource.open("lineitem", csv, lineitem.schema(),
                options.with("path", dir.resolve("lineitem").toString()), ScanSettings.defaults());
        read = columns.equals("all") ? null
                : KernelData.indexes(lineitem.schema(), "l_orderkey", "l_quantity", "l_extendedprice", "l_shipdate");
        if (read == null) {
            read = new int[lineitem.schema().size()];
            for (int i = 0; i < read.length; i++) {
                read[i] = i;
            }
        }
    }

    @Benchmark
    public long parse(Blackhole bh) {
        long rows = 0;
        for (int p = 0; p < table.numPartitions(); p++) {
            try (BatchReader r = table.open(p, read, data.task.allocator())) {
                while (r.hasNext()) {
                    ColumnBatch b = r.next();
                    rows += b.rowCount();
                    bh.consume(b.vector(0));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        data.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
