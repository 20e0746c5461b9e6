package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code x IN (c1, c2, ...)} against constants of x's type. A match is TRUE; no match is FALSE,
 * or NULL when x is NULL or the list holds a NULL (SQL semantics).
 */
final class InListExpr implements VectorExpr {
    private final VectorExpr input;
    private final long[] longs;
    private final byte[][] strings;
    private final boolean listHasNull;
    private final boolean intWidth;
    private final boolean isDouble;

    InListExpr(VectorExpr input, List<Object> values) {
        this.input = input;
        DataType t = input.type();
        this.listHasNull = values.stream().anyMatch(java.util.Objects::isNull);
        List<Object> nonNull = values.stream().filter(java.util.Objects::nonNull).toList();
        this.intWidth = t instanceof DataType.IntType || t instanceof DataType.DateType;
        this.isDouble = t instanceof DataType.DoubleType;
        if (t instanceof DataType.StringType) {
            strings = nonNull.stream().map(v -> v.toString().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            longs = null;
        } else if (t instanceof DataType.BooleanType) {
            strings = null;
            longs = nonNull.stream().mapToLong(v -> (Boolean) v ? 1 : 0).toArray();
        } else if (isDouble) {
            strings = null;
            longs = nonNull.stream().mapToLong(v -> Double.doubleToLongBits(((Number) v).doubleValue())).toArray();
        } else if (t instanceof DataType.DecimalType d && !d.isLong()) {
            throw new IllegalArgumentException("IN on DECIMAL(" + d.precision() + ") is rewritten to ORs");
        } else {
            strings = null;
            longs = nonNull.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
        }
        if (longs != null) {
            Arrays.sort(longs);
        }
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector in = input.eval(batch, scratch);
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long od = out.getDataBuffer().memoryAddress();
        long ov = out.getValidityBuffer().memoryAddress();
        boolean allValid = in.getNullCount() == 0;
        long ia = in.getDataBuffer().memoryAddress();
        long offs = strings != null ? in.getOffsetBuffer().memoryAddress() : 0;
        boolean isBool = input.type() instanceof DataType.BooleanType;
        for (int i = 0; i < n; i++) {
            if (!allValid && in.isNull(i)) {
                continue;
            }
            boolean hit;
            if (strings != null) {
                int s = MemoryUtil.getInt(offs + 4L * i);
                int len = MemoryUtil.getInt(offs + 4L * i + 4) - s;
                hit = false;
                for (byte[] c : strings) {
                    if (Utf8.equals(ia + s, len, c)) {
                        hit = true;
                        break;
                    }
                }
            } else {
                long v;
                if (isBool) {
                    v = Bits.isSet(ia, i) ? 1 : 0;
                } else if (intWidth) {
                    v = MemoryUtil.getInt(ia + 4L * i);
                } else if (isDouble) {
                    v = Double.doubleToLongBits(Double.longBitsToDouble(MemoryUtil.getLong(ia + 8L * i)));
                } else {
                    v = MemoryUtil.getLong(ia + 8L * i);
                }
                hit = longs.length <= 8 ? linear(v) : Arrays.binarySearch(longs, v) >= 0;
            }
            if (hit) {
                Bits.set(od, i);
                Bits.set(ov, i);
            } else if (!listHasNull) {
                Bits.set(ov, i);
            }
        }
        out.setValueCount(n);
        return out;
    }

    private boolean linear(long v) {
        for (long c : longs) {
            if (c == v) {
                return true;
            }
        }
        return false;
    }
}
