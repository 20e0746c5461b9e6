package dev.ember.physical.ops.agg;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.Int128;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * sum / sum0 per group. Integers sum in a long (overflow is an error), decimals in 128 bits at
 * the input's scale (the state is DECIMAL(38, s)), doubles in a double. A group with no value
 * sums to NULL, or 0 for sum0. Also the sum half of avg.
 */
final class SumAccumulator extends Accumulator {
    enum Kind { LONG, DECIMAL, DOUBLE }

    private final Kind kind;
    private final DataType argType;
    private final DataType resultType;
    private final boolean sum0;
    private final int scale;
    private final LongArray lo;
    private final LongArray hi;
    private final LongArray seen;

    SumAccumulator(BufferAllocator allocator, DataType argType, DataType resultType, boolean sum0) {
        this.argType = argType;
        this.resultType = resultType;
        this.sum0 = sum0;
        this.kind = switch (argType) {
            case DataType.DecimalType d -> Kind.DECIMAL;
            case DataType.DoubleType d -> Kind.DOUBLE;
            default -> Kind.LONG;
        };
        this.scale = argType instanceof DataType.DecimalType d ? d.scale() : 0;
        this.lo = new LongArray(allocator, 1024);
        this.hi = kind == Kind.DECIMAL ? new LongArray(allocator, 1024) : null;
        this.seen = new LongArray(allocator, 1024);
    }

    Kind kind() {
        return kind;
    }

    int scale() {
        return scale;
    }

    @Override
    public void ensureGroups(int n) {
        lo.ensure(n);
        seen.ensure(n);
        if (hi != null) {
            hi.ensure(n);
        }
    }

    @Override
    public void update(int[] groups, int n, FieldVector arg, FieldVector filter) {
        boolean allValid = arg.getNullCount() == 0 && filter == null;
        long da = arg.getDataBuffer().memoryAddress();
        long la = lo.address();
        long sa = seen.address();
        switch (kind) {
            case LONG -> {
                boolean isInt = argType instanceof DataType.IntType;
                try {
                    for (int i = 0; i < n; i++) {
                        if (!allValid && (arg.isNull(i) || !passes(filter, i))) {
                            continue;
                        }
                        long v = isInt ? MemoryUtil.getInt(da + 4L * i) : MemoryUtil.getLong(da + 8L * i);
                        long a = la + 8L * groups[i];
                        MemoryUtil.putLong(a, Math.addExact(MemoryUtil.getLong(a), v));
                        MemoryUtil.putLong(sa + 8L * groups[i], 1);
                    }
                } catch (ArithmeticException e) {
                    // sum of integers is BIGINT; past its range it is an error, not a wrapped value
                    throw bigintOverflow();
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    if (!allValid && (arg.isNull(i) || !passes(filter, i))) {
                        continue;
                    }
                    long a = la + 8L * groups[i];
                    double s = Double.longBitsToDouble(MemoryUtil.getLong(a)) + Double.longBitsToDouble(MemoryUtil.getLong(da + 8L * i));
                    MemoryUtil.putLong(a, Double.doubleToRawLongBits(s));
                    MemoryUtil.putLong(sa + 8L * groups[i], 1);
                }
            }
            case DECIMAL -> {
                boolean wide = !((DataType.DecimalType) argType).isLong();
                long ha = hi.address();
                for (int i = 0; i < n; i++) {
                    if (!allValid && (arg.isNull(i) || !passes(filter, i))) {
                        continue;
                    }
                    long vLo;
                    long vHi;
                    if (wide) {
                        vLo = MemoryUtil.getLong(da + 16L * i);
                        vHi = MemoryUtil.getLong(da + 16L * i + 8);
                    } else {
                        vLo = MemoryUtil.getLong(da + 8L * i);
                        vHi = vLo >> 63;
                    }
                    add128(la + 8L * groups[i], ha + 8L * groups[i], vLo, vHi);
                    MemoryUtil.putLong(sa + 8L * groups[i], 1);
                }
            }
        }
    }

    private static dev.ember.common.ExecutionException bigintOverflow() {
        return new dev.ember.common.ExecutionException(dev.ember.common.ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE,
                "value out of range for BIGINT in sum");
    }

    private static long addBigint(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw bigintOverflow();
        }
        return r;
    }

    private static void add128(long loAddr, long hiAddr, long vLo, long vHi) {
        long oLo = MemoryUtil.getLong(loAddr);
        long oHi = MemoryUtil.getLong(hiAddr);
        long nLo = oLo + vLo;
        long carry = Long.compareUnsigned(nLo, oLo) < 0 ? 1 : 0;
        long nHi = oHi + vHi + carry;
        if (((oHi ^ nHi) & (vHi ^ nHi)) < 0) {
            throw Int128.overflow();
        }
        MemoryUtil.putLong(loAddr, nLo);
        MemoryUtil.putLong(hiAddr, nHi);
    }

    @Override
    public void merge(int[] groups, int n, FieldVector[] states, int offset) {
        FieldVector s = states[offset];
        long da = s.getDataBuffer().memoryAddress();
        boolean allValid = s.getNullCount() == 0;
        for (int i = 0; i < n; i++) {
            if (!allValid && s.isNull(i)) {
                continue;
            }
            int g = groups[i];
            switch (kind) {
                case LONG -> lo.set(g, addBigint(lo.get(g), MemoryUtil.getLong(da + 8L * i)));
                case DOUBLE -> lo.setDouble(g, lo.getDouble(g) + Double.longBitsToDouble(MemoryUtil.getLong(da + 8L * i)));
                case DECIMAL -> add128(lo.address() + 8L * g, hi.address() + 8L * g,
                        MemoryUtil.getLong(da + 16L * i), MemoryUtil.getLong(da + 16L * i + 8));
            }
            seen.set(g, 1);
        }
    }

    DataType stateType() {
        return switch (kind) {
            case LONG -> DataType.BIGINT;
            case DOUBLE -> DataType.DOUBLE;
            case DECIMAL -> DataType.decimal(38, scale);
        };
    }

    @Override
    public DataType[] stateTypes() {
        return new DataType[] {stateType()};
    }

    boolean hasValue(int g) {
        return seen.get(g) != 0;
    }

    long lo(int g) {
        return lo.get(g);
    }

    long hi(int g) {
        return hi == null ? lo.get(g) >> 63 : hi.get(g);
    }

    @Override
    public void writeStates(int from, int count, FieldVector[] out, int offset) {
        FieldVector o = out[offset];
        long oa = o.getDataBuffer().memoryAddress();
        long va = o.getValidityBuffer().memoryAddress();
        for (int k = 0; k < count; k++) {
            int g = from + k;
            if (seen.get(g) == 0) {
                continue;
            }
            Bits.set(va, k);
            if (kind == Kind.DECIMAL) {
                MemoryUtil.putLong(oa + 16L * k, lo.get(g));
                MemoryUtil.putLong(oa + 16L * k + 8, hi.get(g));
            } else {
                MemoryUtil.putLong(oa + 8L * k, lo.get(g));
            }
        }
        o.setValueCount(count);
    }

    @Override
    public void writeResult(int from, int count, FieldVector out) {
        long oa = out.getDataBuffer().memoryAddress();
        long va = out.getValidityBuffer().memoryAddress();
        long[] tmp = new long[2];
        for (int k = 0; k < count; k++) {
            int g = from + k;
            boolean has = seen.get(g) != 0;
            if (!has && !sum0) {
                continue;
            }
            Bits.set(va, k);
            switch (resultType) {
                case DataType.DecimalType d -> {
                    long l = has ? lo.get(g) : 0;
                    long h = has ? hi(g) : 0;
                    if (kind == Kind.LONG) {
                        h = l >> 63;
                    }
                    int shift = d.scale() - scale;
                    if (shift > 0) {
                        Int128.scaleUp(h, l, shift, tmp);
                    } else {
                        Int128.scaleDown(h, l, -shift, tmp);
                    }
                    if (!Int128.fitsPrecision(tmp[0], tmp[1], d.precision())) {
                        throw Int128.overflow();
                    }
                    if (d.isLong()) {
                        MemoryUtil.putLong(oa + 8L * k, tmp[1]);
                    } else {
                        MemoryUtil.putLong(oa + 16L * k, tmp[1]);
                        MemoryUtil.putLong(oa + 16L * k + 8, tmp[0]);
                    }
                }
                case DataType.DoubleType t -> {
                    double v = switch (kind) {
                        case DOUBLE -> has ? lo.getDouble(g) : 0.0;
                        case LONG -> has ? (double) lo.get(g) : 0.0;
                        case DECIMAL -> has ? Int128.toBigDecimal(hi.get(g), lo.get(g), scale).doubleValue() : 0.0;
                    };
                    MemoryUtil.putLong(oa + 8L * k, Double.doubleToRawLongBits(v));
                }
                case DataType.IntType t -> MemoryUtil.putInt(oa + 4L * k, has ? Math.toIntExact(lo.get(g)) : 0);
                default -> MemoryUtil.putLong(oa + 8L * k, has ? lo.get(g) : 0);
            }
        }
        out.setValueCount(count);
    }

    /** The group's sum as a BigDecimal at the input scale (avg's final division). */
    BigDecimal bigValue(int g) {
        return switch (kind) {
            case LONG -> BigDecimal.valueOf(lo.get(g));
            case DOUBLE -> BigDecimal.valueOf(lo.getDouble(g));
            case DECIMAL -> Int128.toBigDecimal(hi.get(g), lo.get(g), scale);
        };
    }

    double doubleValue(int g) {
        return switch (kind) {
            case LONG -> lo.get(g);
            case DOUBLE -> lo.getDouble(g);
            case DECIMAL -> Int128.toBigDecimal(hi.get(g), lo.get(g), scale).doubleValue();
        };
    }

    @Override
    public long memoryBytes() {
        return lo.bytes() + seen.bytes() + (hi == null ? 0 : hi.bytes());
    }

    @Override
    public void close() {
        lo.close();
        seen.close();
        if (hi != null) {
            hi.close();
        }
    }

    static BigDecimal roundTo(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP);
    }
}
