package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.shuffle.BatchShuffleWriter;
import dev.ember.physical.shuffle.MapStatus;
import dev.ember.physical.shuffle.ShuffleBlock;
import dev.ember.physical.shuffle.ShuffleStore;
import dev.ember.physical.spill.SpillFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map side of a shuffle: every row lands in exactly one block, all rows of a key in the same
 * one, the reported statistics match the blocks, and a map output larger than the memory limit
 * goes to disk and reads back the same.
 */
class ShuffleWriterTest {
    @TempDir
    Path spillDir;

    private static final int R = 5;

    /** Writes the rows, commits, and returns the rows of each reduce partition read back. */
    private static List<List<List<Object>>> shuffle(OpFixture f, List<List<Object>> rows, int batchSize,
                                                    BatchShuffleWriter.Partitioning partitioning,
                                                    List<MapStatus> status) {
        ShuffleStore store = f.executor.shuffleStore();
        try (BatchShuffleWriter w = new BatchShuffleWriter(OpFixture.KVS, partitioning, R, f.ctx, batchSize);
             CloseableIterator<ColumnBatch> in = f.source(OpFixture.KVS, rows, batchSize)) {
            while (in.hasNext()) {
                w.write(in.next());
            }
            status.add(w.commit(store, 1, 0));
        }
        List<List<List<Object>>> parts = new ArrayList<>();
        for (int p = 0; p < R; p++) {
            List<List<Object>> out = new ArrayList<>();
            for (Object item : store.get(1, 0, p).items()) {
                if (item instanceof ColumnBatch b) {
                    out.addAll(OpFixture.rows(b));
                } else {
                    out.addAll(OpFixture.drain(((SpillFile) item).read(f.allocator())));
                }
            }
            parts.add(out);
        }
        store.removeShuffle(1);
        return parts;
    }

    private static void checkHashed(List<List<Object>> rows, List<List<List<Object>>> parts, MapStatus status) {
        List<List<Object>> all = new ArrayList<>();
        Map<Object, Integer> partitionOfKey = new HashMap<>();
        for (int p = 0; p < R; p++) {
            assertThat(status.rowsPerPartition()[p]).isEqualTo(parts.get(p).size());
            for (List<Object> r : parts.get(p)) {
                Integer before = partitionOfKey.putIfAbsent(String.valueOf(r.get(0)), p);
                assertThat(before == null || before == p).as("key %s in two partitions", r.get(0)).isTrue();
            }
            all.addAll(parts.get(p));
        }
        OpFixture.assertSameRows(all, rows);
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void hashPartitionsEveryShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(81);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            List<MapStatus> status = new ArrayList<>();
            checkHashed(rows, shuffle(f, rows, shape.batchSize, new BatchShuffleWriter.Partitioning.Hash(new int[] {0}),
                    status), status.get(0));
            assertThat(status.get(0).totalRows()).isEqualTo(rows.size());
        }
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void roundRobinDealsRowsEvenly(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(82);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            List<List<List<Object>>> parts = shuffle(f, rows, shape.batchSize,
                    new BatchShuffleWriter.Partitioning.RoundRobin(), new ArrayList<>());
            List<List<Object>> all = new ArrayList<>();
            for (List<List<Object>> p : parts) {
                assertThat(p.size()).isBetween(rows.size() / R, rows.size() / R + 1);
                all.addAll(p);
            }
            OpFixture.assertSameRows(all, rows);
        }
    }

    @Test
    void mapOutputLargerThanTheLimitSpillsAndReadsBack() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 83);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            List<MapStatus> status = new ArrayList<>();
            List<List<List<Object>>> parts = shuffle(f, rows, 1024,
                    new BatchShuffleWriter.Partitioning.Hash(new int[] {0}), status);
            checkHashed(rows, parts, status.get(0));
            assertThat(f.ctx.metrics().bytesSpilled).isPositive();
        }
    }

    @Test
    void oneReducePartitionLargerThanTheLimitSpillsToo() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 84);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            List<List<List<Object>>> parts = shuffle(f, rows, 1024, new BatchShuffleWriter.Partitioning.Single(),
                    new ArrayList<>());
            OpFixture.assertSameRows(parts.get(0), rows);
            for (int p = 1; p < R; p++) {
                assertThat(parts.get(p)).isEmpty();
            }
            assertThat(f.ctx.metrics().bytesSpilled).isPositive();
        }
    }
}
