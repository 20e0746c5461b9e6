package dev.ember.physical.ops.agg;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/** count(*) and count(x): rows (with x not NULL) per group; never NULL. */
final class CountAccumulator extends Accumulator {
    private final LongArray counts;
    private final boolean star;

    CountAccumulator(BufferAllocator allocator, boolean star) {
        this.counts = new LongArray(allocator, 1024);
        this.star = star;
    }

    @Override
    public void ensureGroups(int n) {
        counts.ensure(n);
    }

    @Override
    public void update(int[] groups, int n, FieldVector arg, FieldVector filter) {
        long base = counts.address();
        boolean all = star || arg.getNullCount() == 0;
        if (all && filter == null) {
            for (int i = 0; i < n; i++) {
                long a = base + 8L * groups[i];
                MemoryUtil.putLong(a, MemoryUtil.getLong(a) + 1);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if ((all || !arg.isNull(i)) && passes(filter, i)) {
                long a = base + 8L * groups[i];
                MemoryUtil.putLong(a, MemoryUtil.getLong(a) + 1);
            }
        }
    }

    @Override
    public void merge(int[] groups, int n, FieldVector[] states, int offset) {
        long sa = states[offset].getDataBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            counts.add(groups[i], MemoryUtil.getLong(sa + 8L * i));
        }
    }

    @Override
    public DataType[] stateTypes() {
        return new DataType[] {DataType.BIGINT};
    }

    @Override
    public void writeStates(int from, int count, FieldVector[] out, int offset) {
        writeResult(from, count, out[offset]);
    }

    @Override
    public void writeResult(int from, int count, FieldVector out) {
        long oa = out.getDataBuffer().memoryAddress();
        MemoryUtil.copyMemory(counts.address() + 8L * from, oa, 8L * count);
        Bits.setAll(out.getValidityBuffer(), count);
        out.setValueCount(count);
    }

    @Override
    public long memoryBytes() {
        return counts.bytes();
    }

    @Override
    public void close() {
        counts.close();
    }
}
