package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VarCharAppender;
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
            return gatherInto(out, cols, column, type, refs, count);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static FieldVector gatherInto(FieldVector out, BuildColumns cols, int column, DataType type, long[] refs,
                                          int count) {
        RowCopier.Layout layout = RowCopier.layout(type);
        long ov = out.getValidityBuffer().memoryAddress();
        long[] data = cols.data[column];
        long[] validity = cols.validity[column];
        boolean[] allValid = cols.allValid[column];
        if (layout == RowCopier.Layout.VARIABLE) {
            long[] offsets = cols.offsets[column];
            VarCharAppender w = new VarCharAppender((BaseVariableWidthVector) out);
            for (int k = 0; k < count; k++) {
                long ref = refs[k];
                int b = ref < 0 ? -1 : cols.batchOf(ref);
                int r = ref < 0 ? 0 : cols.rowOf(ref);
                if (b < 0 || (!allValid[b] && !Bits.isSet(validity[b], r))) {
                    w.appendNull(k);
                } else {
                    long oa = offsets[b];
                    int s = MemoryUtil.getInt(oa + 4L * r);
                    w.appendMemory(k, data[b] + s, MemoryUtil.getInt(oa + 4L * r + 4) - s);
                }
            }
            w.finish(count);
            return out;
        }
        long od = out.getDataBuffer().memoryAddress();
        // One loop per layout: the row loop has no switch and no virtual call.
        switch (layout) {
            case BIT -> {
                for (int k = 0; k < count; k++) {
                    long ref = refs[k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, k);
                            if (Bits.isSet(data[b], r)) {
                                Bits.set(od, k);
                            }
                        }
                    }
                }
            }
            case INT -> {
                for (int k = 0; k < count; k++) {
                    long ref = refs[k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, k);
                            MemoryUtil.putInt(od + 4L * k, MemoryUtil.getInt(data[b] + 4L * r));
                        }
                    }
                }
            }
            case LONG -> {
                for (int k = 0; k < count; k++) {
                    long ref = refs[k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, k);
                            MemoryUtil.putLong(od + 8L * k, MemoryUtil.getLong(data[b] + 8L * r));
                        }
                    }
                }
            }
            case INT128 -> {
                for (int k = 0; k < count; k++) {
                    long ref = refs[k];
                    if (ref >= 0) {
                        int b = cols.batchOf(ref);
                        int r = cols.rowOf(ref);
                        if (allValid[b] || Bits.isSet(validity[b], r)) {
                            Bits.set(ov, k);
                            long s = data[b] + 16L * r;
                            MemoryUtil.putLong(od + 16L * k, MemoryUtil.getLong(s));
                            MemoryUtil.putLong(od + 16L * k + 8, MemoryUtil.getLong(s + 8));
                        }
                    }
                }
            }
            case VARIABLE -> throw new IllegalStateException();
        }
        out.setValueCount(count);
        return out;
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
