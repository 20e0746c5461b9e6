package dev.ember.physical.spill;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.batch.RowHasher;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

/**
 * Splits rows by a hash of key columns into k spill files (the partitioning step of a grace hash
 * join or a spilling aggregation). The hash is re-mixed with the recursion level so that rows
 * sharing a shuffle partition, or a previous level's spill partition, still spread out.
 */
public final class HashSpillPartitioner implements AutoCloseable {
    public static final int FANOUT = 16;

    private final Schema schema;
    private final int[] keys;
    private final DataType[] keyTypes;
    private final int level;
    private final SpillFile[] files;
    private final BatchAppender[] appenders;
    private long[] hashes = new long[0];
    private int[] parts = new int[0];
    private int[] sel = new int[0];
    private final int[] counts = new int[FANOUT + 1];
    private boolean finished;

    public HashSpillPartitioner(TaskContext ctx, Schema schema, int[] keys, int level, String purpose) {
        this.schema = schema;
        this.keys = keys;
        this.level = level;
        this.keyTypes = new DataType[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyTypes[k] = schema.type(keys[k]);
        }
        this.files = new SpillFile[FANOUT];
        this.appenders = new BatchAppender[FANOUT];
        for (int p = 0; p < FANOUT; p++) {
            files[p] = Spills.create(ctx, schema, purpose + "-l" + level + "-" + p);
            // Small buffers: the FANOUT of them are allocated just when memory is short (an
            // aggregation spills at its share of the limit); at 1024 rows a wide state row made
            // them about 1.5 MB, enough to overrun a 4 MB ember.memory.limit.
            appenders[p] = new BatchAppender(schema, ctx.allocator(), 256);
        }
    }

    /** The spill partition of each of n hashes. */
    public static void partitions(long[] hashes, int n, int level, int[] out) {
        long salt = 0x9E3779B97F4A7C15L * (level + 1);
        for (int i = 0; i < n; i++) {
            out[i] = (int) (RowHasher.mix(hashes[i] ^ salt) >>> 60);
        }
    }

    /** Adds the rows of a batch (which the caller keeps) to their partitions. */
    public void write(ColumnBatch b) {
        int n = b.rowCount();
        if (n == 0) {
            return;
        }
        if (hashes.length < n) {
            hashes = new long[n];
            parts = new int[n];
            sel = new int[n];
        }
        FieldVector[] kv = new FieldVector[keys.length];
        for (int k = 0; k < keys.length; k++) {
            kv[k] = b.vector(keys[k]);
        }
        RowHasher.hash(kv, keyTypes, n, hashes);
        partitions(hashes, n, level, parts);
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[parts[i] + 1]++;
        }
        for (int p = 0; p < FANOUT; p++) {
            counts[p + 1] += counts[p];
        }
        int[] next = counts.clone();
        for (int i = 0; i < n; i++) {
            sel[next[parts[i]]++] = i;
        }
        for (int p = 0; p < FANOUT; p++) {
            int count = counts[p + 1] - counts[p];
            if (count > 0) {
                appenders[p].append(b, sel, counts[p], count);
                if (appenders[p].readyCount() > 0) {
                    flush(p, appenders[p].takeReady());
                }
            }
        }
    }

    private void flush(int p, java.util.List<ColumnBatch> batches) {
        try {
            for (ColumnBatch c : batches) {
                files[p].write(c);
            }
        } finally {
            batches.forEach(ColumnBatch::close);
        }
    }

    /** Ends writing: returns the k files (the caller deletes them). */
    public SpillFile[] finish() {
        if (!finished) {
            finished = true;
            for (int p = 0; p < FANOUT; p++) {
                flush(p, appenders[p].finish());
                appenders[p].close();
                files[p].finish();
            }
        }
        return files;
    }

    public long bytesWritten() {
        long t = 0;
        for (SpillFile f : files) {
            t += f.bytes();
        }
        return t;
    }

    public Schema schema() {
        return schema;
    }

    /** Frees buffers; deletes the files unless they were handed out by finish(). */
    @Override
    public void close() {
        for (BatchAppender a : appenders) {
            a.close();
        }
        if (!finished) {
            for (SpillFile f : files) {
                f.delete();
            }
        }
    }
}
