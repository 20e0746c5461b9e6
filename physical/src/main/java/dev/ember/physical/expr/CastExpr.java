package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * CAST between Ember types. Numeric widening and decimal rescaling run as typed loops; the
 * rare conversions (to and from strings, narrowing) go value by value through Java objects.
 * Decimal and floating values cast to integers or smaller scales round half away from zero.
 * A failed conversion is an error, or NULL under TRY_CAST.
 */
final class CastExpr implements VectorExpr {
    private final VectorExpr input;
    private final DataType from;
    private final DataType to;
    private final boolean safe;
    private final long[] tmp = new long[2];

    CastExpr(VectorExpr input, DataType to, boolean safe) {
        this.input = input;
        this.from = input.type();
        this.to = to;
        this.safe = safe;
    }

    @Override
    public DataType type() {
        return to;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        FieldVector in = input.eval(batch, scratch);
        if (from.equals(to)) {
            return in;
        }
        int n = batch.rowCount();
        FieldVector out = scratch.allocate(to, n);
        if (from instanceof DataType.NullType) {
            out.setValueCount(n);
            return out;
        }
        Bits.copyValidity(in, out, n);
        long ia = in.getDataBuffer().memoryAddress();
        long oa = out.getDataBuffer().memoryAddress();
        long va = out.getValidityBuffer().memoryAddress();
        boolean allValid = in.getNullCount() == 0;
        if (!fastPath(ia, oa, va, n, allValid)) {
            slowPath(in, out, n);
        }
        out.setValueCount(n);
        return out;
    }

    /** v * 10^shift for every value (NULL slots too: their bytes are ignored), as longs or 128-bit. */
    private static void widen(long ia, int width, long oa, int n, long factor, boolean toLong) {
        for (int i = 0; i < n; i++) {
            long v = width == 4 ? MemoryUtil.getInt(ia + 4L * i) : MemoryUtil.getLong(ia + 8L * i);
            if (toLong) {
                MemoryUtil.putLong(oa + 8L * i, v * factor);
            } else {
                MemoryUtil.putLong(oa + 16L * i, v * factor);
                MemoryUtil.putLong(oa + 16L * i + 8, Math.multiplyHigh(v, factor));
            }
        }
    }

    private boolean fastPath(long ia, long oa, long va, int n, boolean allValid) {
        if (from instanceof DataType.IntType && to instanceof DataType.BigIntType) {
            for (int i = 0; i < n; i++) {
                MemoryUtil.putLong(oa + 8L * i, MemoryUtil.getInt(ia + 4L * i));
            }
            return true;
        }
        if (from instanceof DataType.IntType && to instanceof DataType.DoubleType) {
            for (int i = 0; i < n; i++) {
                MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(MemoryUtil.getInt(ia + 4L * i)));
            }
            return true;
        }
        if (from instanceof DataType.BigIntType && to instanceof DataType.DoubleType) {
            for (int i = 0; i < n; i++) {
                MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(MemoryUtil.getLong(ia + 8L * i)));
            }
            return true;
        }
        if (from instanceof DataType.DateType && to instanceof DataType.TimestampType) {
            for (int i = 0; i < n; i++) {
                MemoryUtil.putLong(oa + 8L * i, MemoryUtil.getInt(ia + 4L * i) * 86_400_000_000L);
            }
            return true;
        }
        if (to instanceof DataType.DecimalType dt) {
            int fromScale;
            int width;
            if (from instanceof DataType.IntType) {
                fromScale = 0;
                width = 4;
            } else if (from instanceof DataType.BigIntType) {
                fromScale = 0;
                width = 8;
            } else if (from instanceof DataType.DecimalType df) {
                fromScale = df.scale();
                width = df.isLong() ? 8 : 16;
            } else {
                return false;
            }
            int shift = dt.scale() - fromScale;
            int fromPrecision = from instanceof DataType.DecimalType df ? df.precision()
                    : from instanceof DataType.IntType ? 10 : 19;
            if (width <= 8 && shift >= 0 && shift <= 18 && dt.precision() - dt.scale() >= fromPrecision - fromScale) {
                // A widening cast of a 64-bit value (no integer digit lost, scale raised by at most
                // 18): it always fits, so no 128-bit scaling and no precision check per value
                // (TPC-H Q1 widens every l_discount and l_tax this way).
                widen(ia, width, oa, n, Int128.pow10(shift), dt.isLong());
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (!allValid && !Bits.isSet(va, i)) {
                    continue;
                }
                long hi;
                long lo;
                if (width == 4) {
                    lo = MemoryUtil.getInt(ia + 4L * i);
                    hi = lo >> 63;
                } else if (width == 8) {
                    lo = MemoryUtil.getLong(ia + 8L * i);
                    hi = lo >> 63;
                } else {
                    lo = MemoryUtil.getLong(ia + 16L * i);
                    hi = MemoryUtil.getLong(ia + 16L * i + 8);
                }
                try {
                    if (shift > 0) {
                        Int128.scaleUp(hi, lo, shift, tmp);
                    } else {
                        Int128.scaleDown(hi, lo, -shift, tmp);
                    }
                } catch (ArithmeticException | ExecutionException e) {
                    failOrNull(va, i, e);
                    continue;
                }
                if (!Int128.fitsPrecision(tmp[0], tmp[1], dt.precision())) {
                    failOrNull(va, i, null);
                    continue;
                }
                if (dt.isLong()) {
                    MemoryUtil.putLong(oa + 8L * i, tmp[1]);
                } else {
                    MemoryUtil.putLong(oa + 16L * i, tmp[1]);
                    MemoryUtil.putLong(oa + 16L * i + 8, tmp[0]);
                }
            }
            return true;
        }
        if (from instanceof DataType.DecimalType df && to instanceof DataType.DoubleType) {
            double scale = Math.pow(10, df.scale());
            for (int i = 0; i < n; i++) {
                double v;
                if (df.isLong()) {
                    v = MemoryUtil.getLong(ia + 8L * i) / scale;
                } else {
                    long lo = MemoryUtil.getLong(ia + 16L * i);
                    long hi = MemoryUtil.getLong(ia + 16L * i + 8);
                    v = Int128.fitsLong(hi, lo) ? lo / scale : Int128.toBigDecimal(hi, lo, df.scale()).doubleValue();
                }
                MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(v));
            }
            return true;
        }
        return false;
    }

    private void failOrNull(long va, int i, Exception cause) {
        if (safe) {
            Bits.clear(va, i);
            return;
        }
        throw new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE,
                "value out of range for " + to.sql() + " in CAST from " + from.sql(), cause);
    }

    private void slowPath(FieldVector in, FieldVector out, int n) {
        for (int i = 0; i < n; i++) {
            Object v = Values.get(in, from, i);
            if (v == null) {
                out.setNull(i);
                continue;
            }
            Object converted;
            try {
                converted = convert(v);
            } catch (RuntimeException e) {
                if (safe) {
                    out.setNull(i);
                    continue;
                }
                throw new ExecutionException(ErrorClass.CAST_INVALID_INPUT,
                        "cannot cast " + render(v) + " from " + from.sql() + " to " + to.sql(), e);
            }
            Values.set(out, to, i, converted);
        }
    }

    private static String render(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    private Object convert(Object v) {
        return switch (to) {
            case DataType.StringType t -> toText(v);
            case DataType.BooleanType t -> switch (v) {
                case Boolean b -> b;
                case Number num -> num.doubleValue() != 0;
                default -> parseBoolean(v.toString());
            };
            case DataType.IntType t -> Math.toIntExact(toLong(v));
            case DataType.BigIntType t -> toLong(v);
            case DataType.DoubleType t -> v instanceof Number num ? num.doubleValue() : Double.parseDouble(v.toString().trim());
            case DataType.DecimalType d -> {
                BigDecimal bd = (v instanceof String s ? new BigDecimal(s.trim()) : Values.toBigDecimal(v))
                        .setScale(d.scale(), RoundingMode.HALF_UP);
                if (bd.precision() - bd.scale() > d.precision() - d.scale()) {
                    throw new ArithmeticException("out of range");
                }
                yield bd;
            }
            case DataType.DateType t -> switch (v) {
                case LocalDateTime ts -> ts.toLocalDate();
                default -> LocalDate.parse(v.toString().trim(), TEXT_DATE);
            };
            case DataType.TimestampType t -> switch (v) {
                case LocalDate d -> d.atStartOfDay();
                default -> LocalDateTime.parse(v.toString().trim().replace(' ', 'T'));
            };
            case DataType.NullType t -> null;
        };
    }

    /** Text to DATE: one- or two-digit month and day ('2024-1-5'), as Spark and DuckDB read them; no invalid days. */
    private static final java.time.format.DateTimeFormatter TEXT_DATE = java.time.format.DateTimeFormatter.ofPattern("uuuu-M-d")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private static long toLong(Object v) {
        return switch (v) {
            case Integer i -> i;
            case Long l -> l;
            case Boolean b -> b ? 1 : 0;
            case BigDecimal b -> b.setScale(0, RoundingMode.HALF_UP).longValueExact();
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw new ArithmeticException("not finite");
                }
                yield BigDecimal.valueOf(d).setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
            default -> {
                String s = v.toString().trim();
                try {
                    yield Long.parseLong(s);
                } catch (NumberFormatException e) {
                    yield new BigDecimal(s).setScale(0, RoundingMode.HALF_UP).longValueExact();
                }
            }
        };
    }

    private static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    static String toText(Object v) {
        return switch (v) {
            case BigDecimal b -> b.toPlainString();
            case Double d -> d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d) : String.valueOf(d);
            case LocalDateTime t -> t.toString().replace('T', ' ');
            default -> v.toString();
        };
    }
}
