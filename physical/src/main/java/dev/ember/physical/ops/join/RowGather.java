package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.Utf8;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;


/**
 * Gathers one column of rows addressed as {@code ref} = batch * batchSize + row across the
 * build side's batches (a ref of -1 gives NULL): the build half of joined output.
 */
final class RowGather {
    private RowGather() {
    }

    static FieldVector gather(BuildColumns cols, int column, DataType type, long[] refs, int count,
                              BufferAllocator allocator) {
        FieldVector out = Vectors.allocate("_", type, allocator, count);
        try {
            gatherInto(out, 0, cols, column, type, refs, 0, count);
            out.setValueCount(count);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Writes rows {@code refs[from..from+count)} of build column {@code column} at rows
     * {@code at..at+count)} of {@code out}, which has room for them (variable-width data grows)
     * and NULL validity bits there; its value count is left to the caller.
     */
    static void gatherInto(FieldVector out, int at, BuildColumns cols, int column, DataType type, long[] refs,
                           int from, int count) {
        RowCopier.Layout layout = RowCopier.layout(type);
        long ov = out.getValidityBuffer().memoryAddress();
        long[] data = cols.data[column];
        long[] validity = cols.validity[column];
        boolean[] allValid = cols.allValid[column];
        if (layout == RowCopier.Layout.VARIABLE) {
            gatherVariable((BaseVariableWidthVector) out, at, cols, column, refs, from, count);
            return;
        }
        long od = out.getDataBuffer().memoryAddress();
        // One loop per layout: the row loop has no switch and no virtual call.
        switch (layout) {
            case BIT -> {
                for (int k = 0; k < count; k++) {
                    long ref = refs[from + k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, at + k);
                            if (Bits.isSet(data[b], r)) {
                                Bits.set(od, at + k);
                            }
                        }
                    }
                }
            }
            case INT -> {
                long o = od + 4L * at;
                for (int k = 0; k < count; k++) {
                    long ref = refs[from + k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, at + k);
                            MemoryUtil.putInt(o + 4L * k, MemoryUtil.getInt(data[b] + 4L * r));
                        }
                    }
                }
            }
            case LONG -> {
                long o = od + 8L * at;
                for (int k = 0; k < count; k++) {
                    long ref = refs[from + k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, at + k);
                            MemoryUtil.putLong(o + 8L * k, MemoryUtil.getLong(data[b] + 8L * r));
                        }
                    }
                }
            }
            case INT128 -> {
                long o = od + 16L * at;
                for (int k = 0; k < count; k++) {
                    long ref = refs[from + k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, at + k);
                            long s = data[b] + 16L * r;
                            MemoryUtil.putLong(o + 16L * k, MemoryUtil.getLong(s));
                            MemoryUtil.putLong(o + 16L * k + 8, MemoryUtil.getLong(s + 8));
                        }
                    }
                }
            }
            case VARIABLE -> throw new IllegalStateException();
        }
    }

    /**
     * The variable-width case of {@link #gatherInto}: sums the lengths first so the data buffer
     * grows at most once, then copies; a NULL (or missing) row repeats the previous offset.
     */
    private static void gatherVariable(BaseVariableWidthVector out, int at, BuildColumns cols, int column, long[] refs,
                                       int from, int count) {
        long[] data = cols.data[column];
        long[] validity = cols.validity[column];
        boolean[] allValid = cols.allValid[column];
        long[] offsets = cols.offsets[column];
        long total = 0;
        for (int k = 0; k < count; k++) {
            long ref = refs[from + k];
            if (ref >= 0) {
                long oa = offsets[cols.batchOf(ref)] + 4L * cols.rowOf(ref);
                total += MemoryUtil.getInt(oa + 4) - MemoryUtil.getInt(oa);
            }
        }
        while (out.getValueCapacity() < at + count) {
            out.reallocValidityAndOffsetBuffers();
        }
        long dof = out.getOffsetBuffer().memoryAddress();
        int off = at == 0 ? 0 : MemoryUtil.getInt(dof + 4L * at);
        while (out.getDataBuffer().capacity() < off + total) {
            out.reallocDataBuffer();
        }
        long ov = out.getValidityBuffer().memoryAddress();
        long dd = out.getDataBuffer().memoryAddress();
        MemoryUtil.putInt(dof + 4L * at, off);
        for (int k = 0; k < count; k++) {
            long ref = refs[from + k];
            if (ref >= 0) {
                int b = cols.batchOf(ref);
                int r = cols.rowOf(ref);
                if (allValid[b] || Bits.isSet(validity[b], r)) {
                    Bits.set(ov, at + k);
                    long oa = offsets[b] + 4L * r;
                    int s = MemoryUtil.getInt(oa);
                    int len = MemoryUtil.getInt(oa + 4) - s;
                    Utf8.copy(data[b] + s, dd + off, len);
                    off += len;
                }
            }
            MemoryUtil.putInt(dof + 4L * (at + k + 1), off);
        }
        out.setLastSet(at + count - 1);
    }

    /** Gathers rows {@code idx[0..count)} of a probe batch column (-1 gives NULL). */
    static FieldVector gatherProbe(FieldVector src, DataType type, int[] idx, int count, BufferAllocator allocator) {
        FieldVector out = Vectors.allocate("_", type, allocator, count);
        boolean anyNullRef = false;
        for (int k = 0; k < count; k++) {
            if (idx[k] < 0) {
                anyNullRef = true;
                break;
            }
        }
        if (!anyNullRef) {
            try {
                RowCopier.gather(src, RowCopier.layout(type), idx, count, out);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        }
        long[] refs = new long[count];
        for (int k = 0; k < count; k++) {
            refs[k] = idx[k];
        }
        out.close();
        ColumnBatch one = new ColumnBatch(dev.ember.columnar.types.Schema.of(dev.ember.columnar.types.Field.of("_", type)),
                new FieldVector[] {src}, src.getValueCount());
        return gather(BuildColumns.of(one), 0, type, refs, count, allocator);
    }
}
