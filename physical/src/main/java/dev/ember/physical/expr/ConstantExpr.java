package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * A literal, expanded to a vector of the batch's length so that every kernel needs only its
 * vector-vector loop (the fill costs far less than a second set of loops would).
 */
final class ConstantExpr implements VectorExpr {
    private final Object value;
    private final DataType type;
    private final byte[] utf8;
    private final long hi;
    private final long lo;

    ConstantExpr(Object value, DataType type) {
        this.value = value;
        this.type = type;
        this.utf8 = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
        if (value != null && type instanceof DataType.DecimalType d && !d.isLong()) {
            BigDecimal bd = value instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) value).longValue(), d.scale());
            long[] out = new long[2];
            Int128.fromBig(bd.setScale(d.scale(), RoundingMode.HALF_UP).unscaledValue(), out);
            hi = out[0];
            lo = out[1];
        } else {
            hi = 0;
            lo = 0;
        }
    }

    Object value() {
        return value;
    }

    boolean isNull() {
        return value == null;
    }

    /** The value as a long for INT, DATE, BIGINT, TIMESTAMP and DECIMAL(p<=18); double bits for DOUBLE. */
    long asLong() {
        if (type instanceof DataType.DoubleType) {
            return Double.doubleToRawLongBits(((Number) value).doubleValue());
        }
        if (type instanceof DataType.BooleanType) {
            return (Boolean) value ? 1 : 0;
        }
        return ((Number) value).longValue();
    }

    byte[] utf8() {
        return utf8;
    }

    long hi() {
        return hi;
    }

    long lo() {
        return lo;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector v = scratch.allocate(type, n);
        if (value != null) {
            fill(v, n);
            Bits.setAll(v.getValidityBuffer(), n);
        }
        v.setValueCount(n);
        return v;
    }

    private void fill(FieldVector v, int n) {
        switch (type) {
            case DataType.BooleanType t -> {
                if ((Boolean) value) {
                    Bits.setAll(((BitVector) v).getDataBuffer(), n);
                }
            }
            case DataType.IntType t -> fillInt(v, ((Number) value).intValue(), n);
            case DataType.DateType t -> fillInt(v, ((Number) value).intValue(), n);
            case DataType.BigIntType t -> fillLong(v, ((Number) value).longValue(), n);
            case DataType.TimestampType t -> fillLong(v, ((Number) value).longValue(), n);
            case DataType.DoubleType t -> {
                long a = v.getDataBuffer().memoryAddress();
                double d = ((Number) value).doubleValue();
                for (int i = 0; i < n; i++) {
                    MemoryUtil.putLong(a + 8L * i, Double.doubleToRawLongBits(d));
                }
            }
            case DataType.DecimalType d -> {
                if (d.isLong()) {
                    fillLong(v, ((Number) value).longValue(), n);
                } else {
                    long a = ((DecimalVector) v).getDataBuffer().memoryAddress();
                    for (int i = 0; i < n; i++) {
                        MemoryUtil.putLong(a + 16L * i, lo);
                        MemoryUtil.putLong(a + 16L * i + 8, hi);
                    }
                }
            }
            case DataType.StringType t -> {
                VarCharVector vc = (VarCharVector) v;
                long need = (long) utf8.length * n;
                while (vc.getDataBuffer().capacity() < need) {
                    vc.reallocDataBuffer();
                }
                long data = vc.getDataBuffer().memoryAddress();
                long offsets = vc.getOffsetBuffer().memoryAddress();
                int off = 0;
                MemoryUtil.putInt(offsets, 0);
                for (int i = 0; i < n; i++) {
                    if (utf8.length > 0) {
                        MemoryUtil.copyToMemory(utf8, 0, data + off, utf8.length);
                    }
                    off += utf8.length;
                    MemoryUtil.putInt(offsets + 4L * (i + 1), off);
                }
                ((BaseVariableWidthVector) vc).setLastSet(n - 1);
            }
            case DataType.NullType t -> {
            }
        }
    }

    private static void fillInt(FieldVector v, int x, int n) {
        long a = v.getDataBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            MemoryUtil.putInt(a + 4L * i, x);
        }
    }

    private static void fillLong(FieldVector v, long x, int n) {
        long a = v.getDataBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            MemoryUtil.putLong(a + 8L * i, x);
        }
    }
}
