package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.ops.SortKeyEncoder;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.shuffle.BatchShuffleWriter;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Range partitioning for a global sort, as Spark's RangePartitioner does it: a first job samples
 * normalized sort keys from every partition, the driver picks R-1 bounds at even quantiles, and
 * each row then goes to the partition whose range holds its key, so partition i's rows all sort
 * before partition i+1's.
 */
final class RangePartitioning {
    private static final int SAMPLES_PER_PARTITION = 60;

    private RangePartitioning() {
    }

    static BatchShuffleWriter.Partitioning sample(PlanCompiler pc, Rdd<ColumnBatch> child, List<SortKey> keys,
                                                  int partitions, Schema schema) {
        DataType[] types = keys.stream().map(k -> schema.type(k.column())).toArray(DataType[]::new);
        List<byte[]> samples = Collections.synchronizedList(new ArrayList<>());
        pc.cluster().scheduler().prepare(pc.job(), child);
        int perPartition = Math.max(SAMPLES_PER_PARTITION, 20 * partitions / Math.max(1, child.numPartitions()));
        pc.cluster().scheduler().runJob(pc.job(), child, (ctx, it) -> {
            SortKeyEncoder enc = new SortKeyEncoder(keys, types);
            List<byte[]> reservoir = new ArrayList<>();
            java.util.Random random = new java.util.Random(ctx.partition());
            long seen = 0;
            ArrowBuf tmp = null;
            try {
                while (it.hasNext()) {
                    ColumnBatch b = it.next();
                    for (int i = 0; i < b.rowCount(); i++) {
                        seen++;
                        int slot = reservoir.size() < perPartition ? reservoir.size() : (int) (random.nextDouble() * seen);
                        if (slot < perPartition) {
                            tmp = SortKeyEncoder.ensure(tmp, enc.maxLength(b.vectors(), i), ctx.allocator());
                            int len = enc.encodeInto(b.vectors(), i, tmp);
                            byte[] k = new byte[len];
                            MemoryUtil.copyFromMemory(tmp.memoryAddress(), k, 0, len);
                            if (slot == reservoir.size()) {
                                reservoir.add(k);
                            } else {
                                reservoir.set(slot, k);
                            }
                        }
                    }
                }
            } finally {
                if (tmp != null) {
                    tmp.close();
                }
            }
            return reservoir;
        }, (p, r) -> samples.addAll(r));
        Comparator<byte[]> cmp = java.util.Arrays::compareUnsigned;
        List<byte[]> sorted = new ArrayList<>(samples);
        sorted.sort(cmp);
        List<byte[]> bounds = new ArrayList<>();
        for (int i = 1; i < partitions && !sorted.isEmpty(); i++) {
            byte[] b = sorted.get((int) ((long) i * sorted.size() / partitions));
            if (bounds.isEmpty() || cmp.compare(bounds.get(bounds.size() - 1), b) < 0) {
                bounds.add(b);
            }
        }
        byte[][] bs = bounds.toArray(new byte[0][]);
        return new BatchShuffleWriter.Partitioning.Custom((batch, numPartitions, out) -> {
            SortKeyEncoder enc = new SortKeyEncoder(keys, types);
            byte[] key = new byte[64];
            try (org.apache.arrow.memory.BufferAllocator a = pc.job().allocator().newChildAllocator("range", 0, Long.MAX_VALUE)) {
                ArrowBuf tmp = null;
                try {
                    for (int i = 0; i < batch.rowCount(); i++) {
                        tmp = SortKeyEncoder.ensure(tmp, enc.maxLength(batch.vectors(), i), a);
                        int len = enc.encodeInto(batch.vectors(), i, tmp);
                        if (key.length < len) {
                            key = new byte[len * 2];
                        }
                        MemoryUtil.copyFromMemory(tmp.memoryAddress(), key, 0, len);
                        out[i] = Math.min(numPartitions - 1, upperBound(bs, key, len));
                    }
                } finally {
                    if (tmp != null) {
                        tmp.close();
                    }
                }
            }
        });
    }

    /** Number of bounds that are &lt;= key: the partition whose range holds the key. */
    private static int upperBound(byte[][] bounds, byte[] key, int len) {
        int lo = 0;
        int hi = bounds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (java.util.Arrays.compareUnsigned(bounds[mid], 0, bounds[mid].length, key, 0, len) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
