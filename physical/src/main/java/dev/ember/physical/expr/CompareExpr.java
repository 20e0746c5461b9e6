package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Comparisons of two operands of one type, producing BOOLEAN. Plain comparisons are NULL when
 * either side is; IS [NOT] DISTINCT FROM never is.
 */
final class CompareExpr implements VectorExpr {
    private enum Kind { INT, LONG, DOUBLE, DEC128, STRING, BOOLEAN }

    private final ScalarFn fn;
    private final VectorExpr left;
    private final VectorExpr right;
    private final Kind kind;

    CompareExpr(ScalarFn fn, VectorExpr left, VectorExpr right) {
        this.fn = fn;
        this.left = left;
        this.right = right;
        this.kind = switch (left.type()) {
            case DataType.IntType t -> Kind.INT;
            case DataType.DateType t -> Kind.INT;
            case DataType.BigIntType t -> Kind.LONG;
            case DataType.TimestampType t -> Kind.LONG;
            case DataType.DoubleType t -> Kind.DOUBLE;
            case DataType.DecimalType d -> d.isLong() ? Kind.LONG : Kind.DEC128;
            case DataType.StringType t -> Kind.STRING;
            case DataType.BooleanType t -> Kind.BOOLEAN;
            case DataType.NullType t -> Kind.BOOLEAN;
        };
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector l = left.eval(batch, scratch);
        FieldVector r = right.eval(batch, scratch);
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long oa = out.getDataBuffer().memoryAddress();
        boolean distinctOp = fn == ScalarFn.IS_DISTINCT_FROM || fn == ScalarFn.IS_NOT_DISTINCT_FROM;
        ScalarFn op = distinctOp ? (fn == ScalarFn.IS_DISTINCT_FROM ? ScalarFn.NE : ScalarFn.EQ) : fn;
        switch (kind) {
            case INT -> intCmp(op, l.getDataBuffer().memoryAddress(), r.getDataBuffer().memoryAddress(), oa, n);
            case LONG -> longCmp(op, l.getDataBuffer().memoryAddress(), r.getDataBuffer().memoryAddress(), oa, n);
            case DOUBLE -> doubleCmp(op, l.getDataBuffer().memoryAddress(), r.getDataBuffer().memoryAddress(), oa, n);
            case DEC128 -> dec128Cmp(op, l.getDataBuffer().memoryAddress(), r.getDataBuffer().memoryAddress(), oa, n);
            case STRING -> stringCmp(op, (BaseVariableWidthVector) l, (BaseVariableWidthVector) r, oa, n);
            case BOOLEAN -> boolCmp(op, l, r, oa, n);
        }
        if (distinctOp) {
            fixDistinct(l, r, out, n, fn == ScalarFn.IS_DISTINCT_FROM);
        } else {
            Bits.and(l, r, out, n);
        }
        out.setValueCount(n);
        return out;
    }

    /** Rows where a side is NULL: distinct iff exactly one side is NULL. All rows are valid. */
    private static void fixDistinct(FieldVector l, FieldVector r, FieldVector out, int n, boolean isDistinct) {
        boolean lAll = l.getNullCount() == 0;
        boolean rAll = r.getNullCount() == 0;
        long oa = out.getDataBuffer().memoryAddress();
        if (!lAll || !rAll) {
            for (int i = 0; i < n; i++) {
                boolean ln = !lAll && l.isNull(i);
                boolean rn = !rAll && r.isNull(i);
                if (ln || rn) {
                    boolean distinct = ln != rn;
                    if (distinct == isDistinct) {
                        Bits.set(oa, i);
                    } else {
                        Bits.clear(oa, i);
                    }
                }
            }
        }
        Bits.setAll(out.getValidityBuffer(), n);
    }

    private static boolean test(ScalarFn op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static void intCmp(ScalarFn op, long la, long ra, long oa, int n) {
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                int a = MemoryUtil.getInt(la + 4L * i);
                int b = MemoryUtil.getInt(ra + 4L * i);
                boolean t = switch (op) {
                    case EQ -> a == b;
                    case NE -> a != b;
                    case LT -> a < b;
                    case LE -> a <= b;
                    case GT -> a > b;
                    case GE -> a >= b;
                    default -> throw new IllegalStateException(op.name());
                };
                bits |= (t ? 1 : 0) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static void longCmp(ScalarFn op, long la, long ra, long oa, int n) {
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                long a = MemoryUtil.getLong(la + 8L * i);
                long b = MemoryUtil.getLong(ra + 8L * i);
                boolean t = switch (op) {
                    case EQ -> a == b;
                    case NE -> a != b;
                    case LT -> a < b;
                    case LE -> a <= b;
                    case GT -> a > b;
                    case GE -> a >= b;
                    default -> throw new IllegalStateException(op.name());
                };
                bits |= (t ? 1 : 0) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static void doubleCmp(ScalarFn op, long la, long ra, long oa, int n) {
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                double a = Double.longBitsToDouble(MemoryUtil.getLong(la + 8L * i));
                double b = Double.longBitsToDouble(MemoryUtil.getLong(ra + 8L * i));
                bits |= (test(op, Double.compare(a, b)) ? 1 : 0) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static void dec128Cmp(ScalarFn op, long la, long ra, long oa, int n) {
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                int c = Int128.compare(MemoryUtil.getLong(la + 16L * i + 8), MemoryUtil.getLong(la + 16L * i),
                        MemoryUtil.getLong(ra + 16L * i + 8), MemoryUtil.getLong(ra + 16L * i));
                bits |= (test(op, c) ? 1 : 0) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static void stringCmp(ScalarFn op, BaseVariableWidthVector l, BaseVariableWidthVector r, long oa, int n) {
        long lo = l.getOffsetBuffer().memoryAddress();
        long ld = l.getDataBuffer().memoryAddress();
        long ro = r.getOffsetBuffer().memoryAddress();
        long rd = r.getDataBuffer().memoryAddress();
        boolean eqOnly = op == ScalarFn.EQ || op == ScalarFn.NE;
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                int as = MemoryUtil.getInt(lo + 4L * i);
                int al = MemoryUtil.getInt(lo + 4L * i + 4) - as;
                int bs = MemoryUtil.getInt(ro + 4L * i);
                int bl = MemoryUtil.getInt(ro + 4L * i + 4) - bs;
                boolean t;
                if (eqOnly) {
                    boolean eq = Utf8.equals(ld + as, al, rd + bs, bl);
                    t = op == ScalarFn.EQ ? eq : !eq;
                } else {
                    t = test(op, Utf8.compare(ld + as, al, rd + bs, bl));
                }
                bits |= (t ? 1 : 0) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static void boolCmp(ScalarFn op, FieldVector l, FieldVector r, long oa, int n) {
        long la = l.getDataBuffer().memoryAddress();
        long ra = r.getDataBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            int a = Bits.isSet(la, i) ? 1 : 0;
            int b = Bits.isSet(ra, i) ? 1 : 0;
            if (test(op, Integer.compare(a, b))) {
                Bits.set(oa, i);
            }
        }
    }
}
