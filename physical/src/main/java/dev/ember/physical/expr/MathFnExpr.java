package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * abs, sign, round, floor, ceil on exact and floating numbers; sqrt, ln, log10, exp, power on
 * DOUBLE. The result type is the optimizer's (round(DECIMAL(p,s), d) keeps scale s).
 */
final class MathFnExpr implements VectorExpr {
    private final ScalarFn fn;
    private final List<VectorExpr> args;
    private final DataType type;
    private final long[] tmp = new long[2];

    MathFnExpr(ScalarFn fn, List<VectorExpr> args, DataType type) {
        this.fn = fn;
        this.args = List.copyOf(args);
        this.type = type;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector a = args.get(0).eval(batch, scratch);
        FieldVector b = args.size() > 1 ? args.get(1).eval(batch, scratch) : null;
        FieldVector out = scratch.allocate(type, n);
        Bits.and(a, b, out, n);
        DataType in = args.get(0).type();
        long aa = a.getDataBuffer().memoryAddress();
        long oa = out.getDataBuffer().memoryAddress();
        long va = out.getValidityBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            if (!Bits.isSet(va, i)) {
                continue;
            }
            long digits = b == null ? 0 : (args.get(1).type() instanceof DataType.IntType
                    ? MemoryUtil.getInt(b.getDataBuffer().memoryAddress() + 4L * i)
                    : MemoryUtil.getLong(b.getDataBuffer().memoryAddress() + 8L * i));
            switch (in) {
                case DataType.DoubleType t -> {
                    double x = Double.longBitsToDouble(MemoryUtil.getLong(aa + 8L * i));
                    double r = switch (fn) {
                        case ABS -> Math.abs(x);
                        case SIGN -> Math.signum(x);
                        case ROUND -> BigDecimal.valueOf(x).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
                        case FLOOR -> Math.floor(x);
                        case CEIL -> Math.ceil(x);
                        case SQRT -> Math.sqrt(x);
                        case LN -> Math.log(x);
                        case LOG10 -> Math.log10(x);
                        case EXP -> Math.exp(x);
                        case POWER -> Math.pow(x, Double.longBitsToDouble(MemoryUtil.getLong(b.getDataBuffer().memoryAddress() + 8L * i)));
                        default -> throw new IllegalStateException(fn.name());
                    };
                    if (type instanceof DataType.DoubleType) {
                        MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(r));
                    } else {
                        MemoryUtil.putLong(oa + 8L * i, (long) r);
                    }
                }
                case DataType.IntType t -> {
                    int x = MemoryUtil.getInt(aa + 4L * i);
                    int r = switch (fn) {
                        case ABS -> Math.absExact(x);
                        case SIGN -> Integer.signum(x);
                        default -> x;
                    };
                    MemoryUtil.putInt(oa + 4L * i, r);
                }
                case DataType.BigIntType t -> {
                    long x = MemoryUtil.getLong(aa + 8L * i);
                    long r = switch (fn) {
                        case ABS -> Math.absExact(x);
                        case SIGN -> Long.signum(x);
                        default -> x;
                    };
                    MemoryUtil.putLong(oa + 8L * i, r);
                }
                case DataType.DecimalType d -> decimal(d, aa, oa, i, (int) digits);
                default -> throw new IllegalStateException(fn + " on " + in);
            }
        }
        out.setValueCount(n);
        return out;
    }

    private void decimal(DataType.DecimalType d, long aa, long oa, int i, int digits) {
        BigDecimal x = d.isLong()
                ? BigDecimal.valueOf(MemoryUtil.getLong(aa + 8L * i), d.scale())
                : Int128.toBigDecimal(MemoryUtil.getLong(aa + 16L * i + 8), MemoryUtil.getLong(aa + 16L * i), d.scale());
        BigDecimal r = switch (fn) {
            case ABS -> x.abs();
            case SIGN -> BigDecimal.valueOf(x.signum());
            case ROUND -> x.setScale(digits, RoundingMode.HALF_UP);
            case FLOOR -> x.setScale(0, RoundingMode.FLOOR);
            case CEIL -> x.setScale(0, RoundingMode.CEILING);
            default -> throw new IllegalStateException(fn.name());
        };
        switch (type) {
            case DataType.DecimalType o -> {
                Int128.fromBig(r.setScale(o.scale(), RoundingMode.HALF_UP).unscaledValue(), tmp);
                if (o.isLong()) {
                    MemoryUtil.putLong(oa + 8L * i, tmp[1]);
                } else {
                    MemoryUtil.putLong(oa + 16L * i, tmp[1]);
                    MemoryUtil.putLong(oa + 16L * i + 8, tmp[0]);
                }
            }
            case DataType.IntType t -> MemoryUtil.putInt(oa + 4L * i, r.intValueExact());
            case DataType.BigIntType t -> MemoryUtil.putLong(oa + 8L * i, r.longValueExact());
            case DataType.DoubleType t -> MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(r.doubleValue()));
            default -> throw new IllegalStateException(type.sql());
        }
    }
}
