package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code + - * / %} where both operands already have the result's type (the compiler inserts
 * the casts): INT, BIGINT, DOUBLE, and DECIMAL for + - % (same scale). Decimal multiply and
 * divide, whose scales differ, are {@link DecimalProductExpr}. Integer overflow is an error;
 * division or modulo by zero gives NULL (as in DuckDB, and Spark with ANSI mode off).
 */
final class ArithmeticExpr implements VectorExpr {
    private enum Kind { INT, LONG, DOUBLE, DEC128 }

    private final ScalarFn fn;
    private final VectorExpr left;
    private final VectorExpr right;
    private final DataType type;
    private final Kind kind;
    private final long[] tmp = new long[2];

    ArithmeticExpr(ScalarFn fn, VectorExpr left, VectorExpr right, DataType type) {
        this.fn = fn;
        this.left = left;
        this.right = right;
        this.type = type;
        this.kind = switch (type) {
            case DataType.IntType t -> Kind.INT;
            case DataType.BigIntType t -> Kind.LONG;
            case DataType.DoubleType t -> Kind.DOUBLE;
            case DataType.DecimalType d -> d.isLong() ? Kind.LONG : Kind.DEC128;
            default -> throw new IllegalArgumentException("no arithmetic on " + type);
        };
        if (type instanceof DataType.DecimalType && (fn == ScalarFn.TIMES || fn == ScalarFn.DIVIDE)) {
            throw new IllegalArgumentException("decimal " + fn + " is DecimalProductExpr");
        }
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector l = left.eval(batch, scratch);
        FieldVector r = right.eval(batch, scratch);
        FieldVector out = scratch.allocate(type, n);
        Bits.and(l, r, out, n);
        long la = l.getDataBuffer().memoryAddress();
        long ra = r.getDataBuffer().memoryAddress();
        long oa = out.getDataBuffer().memoryAddress();
        long va = out.getValidityBuffer().memoryAddress();
        boolean allValid = l.getNullCount() == 0 && r.getNullCount() == 0;
        try {
            switch (kind) {
                case INT -> intLoop(la, ra, oa, va, n, allValid);
                case LONG -> longLoop(la, ra, oa, va, n, allValid);
                case DOUBLE -> doubleLoop(fn, la, ra, oa, va, n);
                case DEC128 -> dec128Loop(la, ra, oa, va, n, allValid);
            }
        } catch (ArithmeticException e) {
            throw overflow(type);
        }
        out.setValueCount(n);
        return out;
    }

    private void intLoop(long la, long ra, long oa, long va, int n, boolean allValid) {
        switch (fn) {
            case PLUS -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putInt(oa + 4L * i, Math.addExact(MemoryUtil.getInt(la + 4L * i), MemoryUtil.getInt(ra + 4L * i)));
                    }
                }
            }
            case MINUS -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putInt(oa + 4L * i, Math.subtractExact(MemoryUtil.getInt(la + 4L * i), MemoryUtil.getInt(ra + 4L * i)));
                    }
                }
            }
            case TIMES -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putInt(oa + 4L * i, Math.multiplyExact(MemoryUtil.getInt(la + 4L * i), MemoryUtil.getInt(ra + 4L * i)));
                    }
                }
            }
            case DIVIDE, MOD -> {
                boolean div = fn == ScalarFn.DIVIDE;
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        int b = MemoryUtil.getInt(ra + 4L * i);
                        if (b == 0) {
                            Bits.clear(va, i);
                        } else {
                            int a = MemoryUtil.getInt(la + 4L * i);
                            MemoryUtil.putInt(oa + 4L * i, div ? (b == -1 ? Math.negateExact(a) : a / b) : a % b);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(fn.name());
        }
    }

    private void longLoop(long la, long ra, long oa, long va, int n, boolean allValid) {
        switch (fn) {
            case PLUS -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putLong(oa + 8L * i, Math.addExact(MemoryUtil.getLong(la + 8L * i), MemoryUtil.getLong(ra + 8L * i)));
                    }
                }
            }
            case MINUS -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putLong(oa + 8L * i, Math.subtractExact(MemoryUtil.getLong(la + 8L * i), MemoryUtil.getLong(ra + 8L * i)));
                    }
                }
            }
            case TIMES -> {
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        MemoryUtil.putLong(oa + 8L * i, Math.multiplyExact(MemoryUtil.getLong(la + 8L * i), MemoryUtil.getLong(ra + 8L * i)));
                    }
                }
            }
            case DIVIDE, MOD -> {
                boolean div = fn == ScalarFn.DIVIDE;
                for (int i = 0; i < n; i++) {
                    if (allValid || Bits.isSet(va, i)) {
                        long b = MemoryUtil.getLong(ra + 8L * i);
                        if (b == 0) {
                            Bits.clear(va, i);
                        } else {
                            long a = MemoryUtil.getLong(la + 8L * i);
                            MemoryUtil.putLong(oa + 8L * i, div ? (b == -1 ? Math.negateExact(a) : a / b) : a % b);
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(fn.name());
        }
    }

    private static void doubleLoop(ScalarFn fn, long la, long ra, long oa, long va, int n) {
        for (int i = 0; i < n; i++) {
            double a = Double.longBitsToDouble(MemoryUtil.getLong(la + 8L * i));
            double b = Double.longBitsToDouble(MemoryUtil.getLong(ra + 8L * i));
            double r;
            switch (fn) {
                case PLUS -> r = a + b;
                case MINUS -> r = a - b;
                case TIMES -> r = a * b;
                case DIVIDE -> {
                    if (b == 0) {
                        Bits.clear(va, i);
                        continue;
                    }
                    r = a / b;
                }
                case MOD -> {
                    if (b == 0) {
                        Bits.clear(va, i);
                        continue;
                    }
                    r = a % b;
                }
                default -> throw new IllegalStateException(fn.name());
            }
            MemoryUtil.putLong(oa + 8L * i, Double.doubleToRawLongBits(r));
        }
    }

    private void dec128Loop(long la, long ra, long oa, long va, int n, boolean allValid) {
        int precision = ((DataType.DecimalType) type).precision();
        for (int i = 0; i < n; i++) {
            if (!allValid && !Bits.isSet(va, i)) {
                continue;
            }
            long aLo = MemoryUtil.getLong(la + 16L * i);
            long aHi = MemoryUtil.getLong(la + 16L * i + 8);
            long bLo = MemoryUtil.getLong(ra + 16L * i);
            long bHi = MemoryUtil.getLong(ra + 16L * i + 8);
            switch (fn) {
                case PLUS -> Int128.add(aHi, aLo, bHi, bLo, tmp);
                case MINUS -> Int128.subtract(aHi, aLo, bHi, bLo, tmp);
                case MOD -> {
                    if (bHi == 0 && bLo == 0) {
                        Bits.clear(va, i);
                        continue;
                    }
                    Int128.fromBig(Int128.toBig(aHi, aLo).remainder(Int128.toBig(bHi, bLo)), tmp);
                }
                default -> throw new IllegalStateException(fn.name());
            }
            if (!Int128.fitsPrecision(tmp[0], tmp[1], precision)) {
                throw overflow(type);
            }
            MemoryUtil.putLong(oa + 16L * i, tmp[1]);
            MemoryUtil.putLong(oa + 16L * i + 8, tmp[0]);
        }
    }

    static ExecutionException overflow(DataType type) {
        return new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range for " + type.sql());
    }
}
