package dev.ember.physical.expr;

import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies single values between vectors of one type by layout (bit, 4, 8 or 16 bytes, or
 * variable-width bytes), for kernels that pick each row from one of several vectors (CASE,
 * COALESCE) or gather rows (filter, join output). Validity is copied too.
 */
public final class RowCopier {
    private RowCopier() {
    }

    public enum Layout { BIT, INT, LONG, INT128, VARIABLE }

    public static Layout layout(DataType type) {
        return switch (type) {
            case DataType.BooleanType t -> Layout.BIT;
            case DataType.NullType t -> Layout.BIT;
            case DataType.IntType t -> Layout.INT;
            case DataType.DateType t -> Layout.INT;
            case DataType.BigIntType t -> Layout.LONG;
            case DataType.DoubleType t -> Layout.LONG;
            case DataType.TimestampType t -> Layout.LONG;
            case DataType.DecimalType d -> d.isLong() ? Layout.LONG : Layout.INT128;
            case DataType.StringType t -> Layout.VARIABLE;
        };
    }

    /**
     * Gathers {@code src[sel[k]]} into {@code dst[k]} for k in [0, count): a filtered or joined
     * copy. {@code dst} is freshly allocated with capacity for {@code count} values.
     */
    public static void gather(FieldVector src, Layout layout, int[] sel, int count, FieldVector dst) {
        append(src, layout, sel, 0, count, dst, 0);
        dst.setValueCount(count);
    }

    /**
     * Appends rows of {@code src} at {@code dst[dstOffset...]}: rows {@code sel[selStart..selStart+count)},
     * or, when {@code sel} is null, the contiguous rows {@code selStart..selStart+count)}. The
     * destination must have room for the values (variable-width data grows as needed); its
     * value count is left to the caller.
     */
    public static void append(FieldVector src, Layout layout, int[] sel, int selStart, int count,
                              FieldVector dst, int dstOffset) {
        boolean srcAllValid = src.getNullCount() == 0;
        long sv = src.getValidityBuffer().memoryAddress();
        long dv = dst.getValidityBuffer().memoryAddress();
        if (srcAllValid) {
            Bits.setRange(dv, dstOffset, count);
        } else {
            for (int k = 0; k < count; k++) {
                int r = sel == null ? selStart + k : sel[selStart + k];
                if (Bits.isSet(sv, r)) {
                    Bits.set(dv, dstOffset + k);
                }
            }
        }
        long sd = src.getDataBuffer().memoryAddress();
        switch (layout) {
            case BIT -> {
                long dd = dst.getDataBuffer().memoryAddress();
                for (int k = 0; k < count; k++) {
                    int r = sel == null ? selStart + k : sel[selStart + k];
                    if (Bits.isSet(sd, r)) {
                        Bits.set(dd, dstOffset + k);
                    }
                }
            }
            case INT -> {
                long dd = dst.getDataBuffer().memoryAddress() + 4L * dstOffset;
                if (sel == null) {
                    MemoryUtil.copyMemory(sd + 4L * selStart, dd, 4L * count);
                } else {
                    for (int k = 0; k < count; k++) {
                        MemoryUtil.putInt(dd + 4L * k, MemoryUtil.getInt(sd + 4L * sel[selStart + k]));
                    }
                }
            }
            case LONG -> {
                long dd = dst.getDataBuffer().memoryAddress() + 8L * dstOffset;
                if (sel == null) {
                    MemoryUtil.copyMemory(sd + 8L * selStart, dd, 8L * count);
                } else {
                    for (int k = 0; k < count; k++) {
                        MemoryUtil.putLong(dd + 8L * k, MemoryUtil.getLong(sd + 8L * sel[selStart + k]));
                    }
                }
            }
            case INT128 -> {
                long dd = dst.getDataBuffer().memoryAddress() + 16L * dstOffset;
                if (sel == null) {
                    MemoryUtil.copyMemory(sd + 16L * selStart, dd, 16L * count);
                } else {
                    for (int k = 0; k < count; k++) {
                        long s = sd + 16L * sel[selStart + k];
                        MemoryUtil.putLong(dd + 16L * k, MemoryUtil.getLong(s));
                        MemoryUtil.putLong(dd + 16L * k + 8, MemoryUtil.getLong(s + 8));
                    }
                }
            }
            case VARIABLE -> appendVariable((BaseVariableWidthVector) src, sel, selStart, count,
                    (BaseVariableWidthVector) dst, dstOffset);
        }
    }

    private static void appendVariable(BaseVariableWidthVector src, int[] sel, int selStart, int count,
                                       BaseVariableWidthVector dst, int dstOffset) {
        long so = src.getOffsetBuffer().memoryAddress();
        long total = 0;
        if (sel == null) {
            total = MemoryUtil.getInt(so + 4L * (selStart + count)) - MemoryUtil.getInt(so + 4L * selStart);
        } else {
            for (int k = 0; k < count; k++) {
                int r = sel[selStart + k];
                total += MemoryUtil.getInt(so + 4L * r + 4) - MemoryUtil.getInt(so + 4L * r);
            }
        }
        int off = dstOffset == 0 ? 0 : MemoryUtil.getInt(dst.getOffsetBuffer().memoryAddress() + 4L * dstOffset);
        while (dst.getDataBuffer().capacity() < off + total) {
            dst.reallocDataBuffer();
        }
        long sd = src.getDataBuffer().memoryAddress();
        long dd = dst.getDataBuffer().memoryAddress();
        long dof = dst.getOffsetBuffer().memoryAddress();
        MemoryUtil.putInt(dof + 4L * dstOffset, off);
        if (sel == null) {
            int start = MemoryUtil.getInt(so + 4L * selStart);
            if (total > 0) {
                MemoryUtil.copyMemory(sd + start, dd + off, total);
            }
            for (int k = 0; k < count; k++) {
                int rs = MemoryUtil.getInt(so + 4L * (selStart + k + 1));
                MemoryUtil.putInt(dof + 4L * (dstOffset + k + 1), off + (rs - start));
            }
        } else {
            for (int k = 0; k < count; k++) {
                int r = sel[selStart + k];
                int start = MemoryUtil.getInt(so + 4L * r);
                int len = MemoryUtil.getInt(so + 4L * r + 4) - start;
                Utf8.copy(sd + start, dd + off, len);
                off += len;
                MemoryUtil.putInt(dof + 4L * (dstOffset + k + 1), off);
            }
        }
        dst.setLastSet(dstOffset + count - 1);
    }

    /**
     * Picks, for each row i, {@code sources[choice[i]][i]} into {@code dst[i]}; a choice of -1
     * gives NULL. All sources have at least n values.
     */
    public static void pick(FieldVector[] sources, Layout layout, int[] choice, int n, FieldVector dst) {
        long dv = dst.getValidityBuffer().memoryAddress();
        long dd = dst.getDataBuffer().memoryAddress();
        int off = 0;
        long dof = layout == Layout.VARIABLE ? dst.getOffsetBuffer().memoryAddress() : 0;
        if (layout == Layout.VARIABLE) {
            long total = 0;
            for (int i = 0; i < n; i++) {
                if (choice[i] >= 0) {
                    long so = sources[choice[i]].getOffsetBuffer().memoryAddress();
                    total += MemoryUtil.getInt(so + 4L * i + 4) - MemoryUtil.getInt(so + 4L * i);
                }
            }
            BaseVariableWidthVector d = (BaseVariableWidthVector) dst;
            while (d.getDataBuffer().capacity() < total) {
                d.reallocDataBuffer();
            }
            dd = d.getDataBuffer().memoryAddress();
            MemoryUtil.putInt(dof, 0);
        }
        for (int i = 0; i < n; i++) {
            int c = choice[i];
            FieldVector s = c >= 0 ? sources[c] : null;
            boolean valid = s != null && !s.isNull(i);
            if (valid) {
                Bits.set(dv, i);
            }
            switch (layout) {
                case BIT -> {
                    if (valid && Bits.isSet(s.getDataBuffer().memoryAddress(), i)) {
                        Bits.set(dd, i);
                    }
                }
                case INT -> {
                    if (valid) {
                        MemoryUtil.putInt(dd + 4L * i, MemoryUtil.getInt(s.getDataBuffer().memoryAddress() + 4L * i));
                    }
                }
                case LONG -> {
                    if (valid) {
                        MemoryUtil.putLong(dd + 8L * i, MemoryUtil.getLong(s.getDataBuffer().memoryAddress() + 8L * i));
                    }
                }
                case INT128 -> {
                    if (valid) {
                        long sa = s.getDataBuffer().memoryAddress() + 16L * i;
                        MemoryUtil.putLong(dd + 16L * i, MemoryUtil.getLong(sa));
                        MemoryUtil.putLong(dd + 16L * i + 8, MemoryUtil.getLong(sa + 8));
                    }
                }
                case VARIABLE -> {
                    if (valid) {
                        long so = s.getOffsetBuffer().memoryAddress();
                        int start = MemoryUtil.getInt(so + 4L * i);
                        int len = MemoryUtil.getInt(so + 4L * i + 4) - start;
                        if (len > 0) {
                            MemoryUtil.copyMemory(s.getDataBuffer().memoryAddress() + start, dd + off, len);
                        }
                        off += len;
                    }
                    MemoryUtil.putInt(dof + 4L * (i + 1), off);
                }
            }
        }
        if (layout == Layout.VARIABLE) {
            ((BaseVariableWidthVector) dst).setLastSet(n - 1);
        }
        dst.setValueCount(n);
    }
}
