package dev.ember.physical.shuffle;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.batch.RowHasher;
import dev.ember.physical.memory.MemoryBudget;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.spill.SpillFile;
import dev.ember.physical.spill.Spills;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Writes a map task's batches into one block per reduce partition, copying rows straight into
 * memory owned by the executor's shuffle store. Partitioning is by hash of key columns
 * ({@code hash(key) mod R}), round robin, a function of the row (range), or all to one.
 */
public final class BatchShuffleWriter implements ShuffleWriter<ColumnBatch> {

    /** How a row picks its reduce partition. */
    public sealed interface Partitioning {
        /** {@code hash(keys) mod R}. */
        record Hash(int[] keys) implements Partitioning {
        }

        /** Everything to partition 0. */
        record Single() implements Partitioning {
        }

        /** Rows dealt in turn, for repartition(n) without keys. */
        record RoundRobin() implements Partitioning {
        }

        /** A caller-supplied assignment (range partitioning over sampled bounds). */
        record Custom(RowPartitioner partitioner) implements Partitioning {
        }
    }

    /** Assigns each of n rows of a batch a partition in [0, R). */
    @FunctionalInterface
    public interface RowPartitioner {
        void assign(ColumnBatch batch, int numPartitions, int[] out);
    }

    private final Schema schema;
    private final Partitioning partitioning;
    private final int numPartitions;
    private final BatchAppender[] appenders;
    private final TaskContext ctx;
    private int roundRobin;
    private long[] hashes = new long[0];
    private int[] parts = new int[0];
    private int[] counts;
    private int[] sel = new int[0];
    private boolean committed;
    private final int batchSize;
    private SpillFile[] spills;
    private long spilledBytes;

    public BatchShuffleWriter(Schema schema, Partitioning partitioning, int numPartitions, TaskContext ctx,
                              int batchSize) {
        this.schema = schema;
        this.partitioning = partitioning;
        this.numPartitions = numPartitions;
        this.ctx = ctx;
        this.appenders = new BatchAppender[numPartitions];
        this.counts = new int[numPartitions + 1];
        for (int p = 0; p < numPartitions; p++) {
            appenders[p] = new BatchAppender(schema, ctx.executor().shuffleStore().allocator(), batchSize);
        }
        this.roundRobin = ctx.partition();
        this.batchSize = batchSize;
    }

    public static Factory<ColumnBatch> factory(Schema schema, Partitioning partitioning, int batchSize) {
        return (numPartitions, ctx) -> new BatchShuffleWriter(schema, partitioning, numPartitions, ctx, batchSize);
    }

    @Override
    public void write(ColumnBatch batch) {
        int n = batch.rowCount();
        if (n == 0) {
            return;
        }
        ctx.checkCancelled();
        if (numPartitions == 1 || partitioning instanceof Partitioning.Single) {
            appenders[0].append(batch, null, 0, n);
            // A single reduce partition (a global sort or window, a final result) grows like any
            // other: without this check it never spilled and failed at small memory limits.
            maybeSpill();
            return;
        }
        if (parts.length < n) {
            parts = new int[n];
            sel = new int[n];
            hashes = new long[n];
        }
        switch (partitioning) {
            case Partitioning.Hash h -> {
                FieldVector[] keys = new FieldVector[h.keys().length];
                DataType[] types = new DataType[keys.length];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = batch.vector(h.keys()[k]);
                    types[k] = schema.type(h.keys()[k]);
                }
                RowHasher.hash(keys, types, n, hashes);
                for (int i = 0; i < n; i++) {
                    parts[i] = RowHasher.partition(hashes[i], numPartitions);
                }
            }
            case Partitioning.RoundRobin r -> {
                for (int i = 0; i < n; i++) {
                    parts[i] = roundRobin++ % numPartitions;
                }
            }
            case Partitioning.Custom c -> c.partitioner().assign(batch, numPartitions, parts);
            case Partitioning.Single s -> throw new IllegalStateException();
        }
        // Counting sort of row indices by partition, then one gather per partition.
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[parts[i] + 1]++;
        }
        for (int p = 0; p < numPartitions; p++) {
            counts[p + 1] += counts[p];
        }
        int[] next = counts.clone();
        for (int i = 0; i < n; i++) {
            sel[next[parts[i]]++] = i;
        }
        for (int p = 0; p < numPartitions; p++) {
            int from = counts[p];
            int count = counts[p + 1] - from;
            if (count > 0) {
                appenders[p].append(batch, sel, from, count);
            }
        }
        maybeSpill();
    }

    /**
     * Moves this map task's output to disk when memory is short: once it starts, every full batch
     * goes to disk as it is sealed, and the rest at commit (reducers read it back).
     */
    private void maybeSpill() {
        if (spills == null) {
            long held = 0;
            for (BatchAppender a : appenders) {
                held += a.bytesHeld();
            }
            if (!storeOverShare() && !MemoryBudget.shouldSpill(ctx, held)) {
                return;
            }
            spills = new SpillFile[numPartitions];
        }
        for (int p = 0; p < numPartitions; p++) {
            if (appenders[p].readyCount() > 0) {
                spill(p, appenders[p].takeReady());
            }
        }
    }

    /** Whether the executor already holds its share of shuffle memory (then outputs go to disk). */
    private boolean storeOverShare() {
        return ctx.executor().shuffleStore().allocator().getAllocatedMemory() > MemoryBudget.shuffleShare(ctx);
    }

    private void spill(int p, List<ColumnBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        if (spills[p] == null) {
            spills[p] = Spills.create(ctx, schema, "shuffle-r" + p);
        }
        long before = spills[p].bytes();
        try {
            for (ColumnBatch b : batches) {
                spills[p].write(b);
            }
        } finally {
            batches.forEach(ColumnBatch::close);
        }
        spilledBytes += spills[p].bytes() - before;
    }

    @Override
    public MapStatus commit(ShuffleStore store, int shuffleId, int mapId) {
        if (spills == null && storeOverShare()) {
            // A small output still goes to disk once the executor holds its share.
            spills = new SpillFile[numPartitions];
        }
        ShuffleBlock[] blocks = new ShuffleBlock[numPartitions];
        long[] bytes = new long[numPartitions];
        long[] rows = new long[numPartitions];
        for (int p = 0; p < numPartitions; p++) {
            rows[p] = appenders[p].totalRows();
            if (spills != null) {
                spill(p, appenders[p].finish());
            }
            List<ColumnBatch> finished = appenders[p].finish();
            List<Object> items = new java.util.ArrayList<>(finished.size() + 1);
            for (ColumnBatch b : finished) {
                // The last batch of a block is usually short but was allocated for a full batch:
                // keep a right-sized copy, since the block may wait in memory for a long time.
                if (b.rowCount() < batchSize / 2 && b.columnCount() > 0) {
                    ColumnBatch small = b.copy(store.allocator());
                    b.close();
                    b = small;
                }
                bytes[p] += b.sizeInBytes();
                items.add(b);
            }
            if (spills != null && spills[p] != null) {
                spills[p].finish();
                bytes[p] += spills[p].bytes();
                items.add(spills[p]);
            }
            blocks[p] = new ShuffleBlock(List.copyOf(items), bytes[p], rows[p]);
        }
        store.put(shuffleId, mapId, blocks);
        committed = true;
        ctx.metrics().bytesSpilled += spilledBytes;
        return new MapStatus(ctx.executor().id(), bytes, rows);
    }

    @Override
    public void close() {
        if (!committed) {
            for (BatchAppender a : appenders) {
                a.close();
            }
            if (spills != null) {
                for (SpillFile f : spills) {
                    if (f != null) {
                        f.delete();
                    }
                }
            }
        }
    }
}
