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

import java.util.List;

/**
 * Gathers one column of rows addressed as {@code ref} = batch * batchSize + row across the
 * build side's batches (a ref of -1 gives NULL): the build half of joined output.
 */
final class RowGather {
    private RowGather() {
    }

    static FieldVector gather(List<ColumnBatch> batches, int batchSize, int column, DataType type, long[] refs,
                              int count, BufferAllocator allocator) {
        FieldVector out = Vectors.allocate("_", type, allocator, count);
        RowCopier.Layout layout = RowCopier.layout(type);
        long ov = out.getValidityBuffer().memoryAddress();
        if (layout == RowCopier.Layout.VARIABLE) {
            VarCharAppender w = new VarCharAppender((BaseVariableWidthVector) out);
            for (int k = 0; k < count; k++) {
                long ref = refs[k];
                FieldVector v = ref < 0 ? null : batches.get((int) (ref / batchSize)).vector(column);
                int r = (int) (ref % batchSize);
                if (v == null || v.isNull(r)) {
                    w.appendNull(k);
                } else {
                    long oa = v.getOffsetBuffer().memoryAddress();
                    int s = MemoryUtil.getInt(oa + 4L * r);
                    w.appendMemory(k, v.getDataBuffer().memoryAddress() + s, MemoryUtil.getInt(oa + 4L * r + 4) - s);
                }
            }
            w.finish(count);
            return out;
        }
        long od = out.getDataBuffer().memoryAddress();
        // Addresses per batch, read once: no virtual calls in the row loop.
        int nb = batches.size();
        long[] data = new long[nb];
        long[] validity = new long[nb];
        boolean[] allValid = new boolean[nb];
        for (int b = 0; b < nb; b++) {
            FieldVector v = batches.get(b).vector(column);
            data[b] = v.getDataBuffer().memoryAddress();
            validity[b] = v.getValidityBuffer().memoryAddress();
            allValid[b] = v.getNullCount() == 0;
        }
        for (int k = 0; k < count; k++) {
            long ref = refs[k];
            if (ref < 0) {
                continue;
            }
            int b = (int) (ref / batchSize);
            int r = (int) (ref - (long) b * batchSize);
            if (!allValid[b] && !Bits.isSet(validity[b], r)) {
                continue;
            }
            Bits.set(ov, k);
            long da = data[b];
            switch (layout) {
                case BIT -> {
                    if (Bits.isSet(da, r)) {
                        Bits.set(od, k);
                    }
                }
                case INT -> MemoryUtil.putInt(od + 4L * k, MemoryUtil.getInt(da + 4L * r));
                case LONG -> MemoryUtil.putLong(od + 8L * k, MemoryUtil.getLong(da + 8L * r));
                case INT128 -> {
                    MemoryUtil.putLong(od + 16L * k, MemoryUtil.getLong(da + 16L * r));
                    MemoryUtil.putLong(od + 16L * k + 8, MemoryUtil.getLong(da + 16L * r + 8));
                }
                case VARIABLE -> throw new IllegalStateException();
            }
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
            RowCopier.gather(src, RowCopier.layout(type), idx, count, out);
            return out;
        }
        long[] refs = new long[count];
        for (int k = 0; k < count; k++) {
            refs[k] = idx[k];
        }
        out.close();
        ColumnBatch one = new ColumnBatch(dev.ember.columnar.types.Schema.of(dev.ember.columnar.types.Field.of("_", type)),
                new FieldVector[] {src}, src.getValueCount());
        return gather(List.of(one), Integer.MAX_VALUE, 0, type, refs, count, allocator);
    }
}
