package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Comparisons of two operands of one type, producing BOOLEAN. Plain comparisons are NULL when
 * either side is; IS [NOT] DISTINCT FROM never is. A constant operand is read once, not
 * expanded into a vector. Integer-like comparisons run {@link CompareKernels}' per-operator
 * loops; the others compute a three-way comparison and pick the result bit from a mask of the
 * outcomes the operator accepts.
 */
final class CompareExpr implements VectorExpr {
    private enum Kind { INT, LONG, DOUBLE, DEC128, STRING, BOOLEAN }

    private final ScalarFn fn;
    private final VectorExpr left;
    private final VectorExpr right;
    private final ConstantExpr constant;
    private final Kind kind;
    private final int mask;
    private final long constantLong;

    CompareExpr(ScalarFn fn, VectorExpr left, VectorExpr right) {
        // Keep a constant on the right: c < x is x > c.
        if (left instanceof ConstantExpr lc && !(right instanceof ConstantExpr) && !lc.isNull()) {
            VectorExpr t = left;
            left = right;
            right = t;
            fn = flip(fn);
        }
        this.fn = fn;
        this.left = left;
        this.right = right;
        boolean distinctOp = fn == ScalarFn.IS_DISTINCT_FROM || fn == ScalarFn.IS_NOT_DISTINCT_FROM;
        this.constant = !distinctOp && right instanceof ConstantExpr c && !c.isNull() ? c : null;
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
        ScalarFn op = distinctOp ? (fn == ScalarFn.IS_DISTINCT_FROM ? ScalarFn.NE : ScalarFn.EQ) : fn;
        this.mask = mask(op);
        this.constantLong = constant != null && kind != Kind.STRING && kind != Kind.DEC128 ? constant.asLong() : 0;
    }

    private static ScalarFn flip(ScalarFn fn) {
        return switch (fn) {
            case LT -> ScalarFn.GT;
            case LE -> ScalarFn.GE;
            case GT -> ScalarFn.LT;
            case GE -> ScalarFn.LE;
            default -> fn;
        };
    }

    /** Bit (c + 1) is set when a three-way comparison result c in {-1, 0, 1} satisfies the operator. */
    private static int mask(ScalarFn op) {
        return switch (op) {
            case EQ -> 0b010;
            case NE -> 0b101;
            case LT -> 0b001;
            case LE -> 0b011;
            case GT -> 0b100;
            case GE -> 0b110;
            default -> throw new IllegalStateException(op.name());
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
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long oa = out.getDataBuffer().memoryAddress();
        if (constant != null) {
            compareConstant(l, oa, n);
            Bits.copyValidity(l, out, n);
            out.setValueCount(n);
            return out;
        }
        FieldVector r = right.eval(batch, scratch);
        long la = l.getDataBuffer().memoryAddress();
        long ra = r.getDataBuffer().memoryAddress();
        int mask = this.mask;
        switch (kind) {
            case INT -> CompareKernels.intColumns(la, ra, mask, oa, n);
            case LONG -> CompareKernels.longColumns(la, ra, mask, oa, n);
            case DOUBLE -> {
                for (int base = 0; base < n; base += 8) {
                    int bits = 0;
                    int end = Math.min(8, n - base);
                    for (int j = 0; j < end; j++) {
                        long i = base + j;
                        int c = Double.compare(Double.longBitsToDouble(MemoryUtil.getLong(la + 8 * i)),
                                Double.longBitsToDouble(MemoryUtil.getLong(ra + 8 * i)));
                        bits |= ((mask >>> (Integer.signum(c) + 1)) & 1) << j;
                    }
                    MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
                }
            }
            case DEC128 -> {
                for (int base = 0; base < n; base += 8) {
                    int bits = 0;
                    int end = Math.min(8, n - base);
                    for (int j = 0; j < end; j++) {
                        long i = base + j;
                        int c = Int128.compare(MemoryUtil.getLong(la + 16 * i + 8), MemoryUtil.getLong(la + 16 * i),
                                MemoryUtil.getLong(ra + 16 * i + 8), MemoryUtil.getLong(ra + 16 * i));
                        bits |= ((mask >>> (Integer.signum(c) + 1)) & 1) << j;
                    }
                    MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
                }
            }
            case STRING -> stringCmp((BaseVariableWidthVector) l, (BaseVariableWidthVector) r, oa, n);
            case BOOLEAN -> {
                for (int i = 0; i < n; i++) {
                    int c = Integer.compare(Bits.isSet(la, i) ? 1 : 0, Bits.isSet(ra, i) ? 1 : 0);
                    if (((mask >>> (c + 1)) & 1) != 0) {
                        Bits.set(oa, i);
                    }
                }
            }
        }
        if (fn == ScalarFn.IS_DISTINCT_FROM || fn == ScalarFn.IS_NOT_DISTINCT_FROM) {
            fixDistinct(l, r, out, n, fn == ScalarFn.IS_DISTINCT_FROM);
        } else {
            Bits.and(l, r, out, n);
        }
        out.setValueCount(n);
        return out;
    }

    private void compareConstant(FieldVector l, long oa, int n) {
        long la = l.getDataBuffer().memoryAddress();
        int mask = this.mask;
        switch (kind) {
            case INT -> CompareKernels.intConst(la, (int) constantLong, mask, oa, n);
            case LONG -> CompareKernels.longConst(la, constantLong, mask, oa, n);
            case DOUBLE -> doubleConst(la, Double.longBitsToDouble(constantLong), mask, oa, n);
            case DEC128 -> {
                long khi = constant.hi();
                long klo = constant.lo();
                for (int base = 0; base < n; base += 8) {
                    int bits = 0;
                    int end = Math.min(8, n - base);
                    for (int j = 0; j < end; j++) {
                        long i = base + j;
                        int c = Int128.compare(MemoryUtil.getLong(la + 16 * i + 8), MemoryUtil.getLong(la + 16 * i), khi, klo);
                        bits |= ((mask >>> (Integer.signum(c) + 1)) & 1) << j;
                    }
                    MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
                }
            }
            case STRING -> {
                byte[] k = constant.utf8();
                long off = l.getOffsetBuffer().memoryAddress();
                boolean eqOnly = mask == 0b010 || mask == 0b101;
                for (int base = 0; base < n; base += 8) {
                    int bits = 0;
                    int end = Math.min(8, n - base);
                    for (int j = 0; j < end; j++) {
                        long i = base + j;
                        int s = MemoryUtil.getInt(off + 4 * i);
                        int len = MemoryUtil.getInt(off + 4 * i + 4) - s;
                        int c = eqOnly ? (Utf8.equals(la + s, len, k) ? 0 : 1) : Integer.signum(compareBytes(la + s, len, k));
                        bits |= ((mask >>> (c + 1)) & 1) << j;
                    }
                    MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
                }
            }
            case BOOLEAN -> {
                int k = (int) constant.asLong();
                for (int i = 0; i < n; i++) {
                    int c = Integer.compare(Bits.isSet(la, i) ? 1 : 0, k);
                    if (((mask >>> (c + 1)) & 1) != 0) {
                        Bits.set(oa, i);
                    }
                }
            }
        }
    }

    // Hot loops as static methods of locals only: raw memory stores may alias any field, so a
    // field read inside the loop would be reloaded on every row.

    private static void doubleConst(long la, double k, int mask, long oa, int n) {
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int c = Double.compare(Double.longBitsToDouble(MemoryUtil.getLong(la + 8L * (base + j))), k);
                bits |= ((mask >>> (Integer.signum(c) + 1)) & 1) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }

    private static int compareBytes(long a, int len, byte[] b) {
        int n = Math.min(len, b.length);
        for (int i = 0; i < n; i++) {
            int c = (MemoryUtil.getByte(a + i) & 0xff) - (b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(len, b.length);
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

    private void stringCmp(BaseVariableWidthVector l, BaseVariableWidthVector r, long oa, int n) {
        int mask = this.mask;
        long lo = l.getOffsetBuffer().memoryAddress();
        long ld = l.getDataBuffer().memoryAddress();
        long ro = r.getOffsetBuffer().memoryAddress();
        long rd = r.getDataBuffer().memoryAddress();
        boolean eqOnly = mask == 0b010 || mask == 0b101;
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                long i = base + j;
                int as = MemoryUtil.getInt(lo + 4 * i);
                int al = MemoryUtil.getInt(lo + 4 * i + 4) - as;
                int bs = MemoryUtil.getInt(ro + 4 * i);
                int bl = MemoryUtil.getInt(ro + 4 * i + 4) - bs;
                int c = eqOnly ? (Utf8.equals(ld + as, al, rd + bs, bl) ? 0 : 1)
                        : Integer.signum(Utf8.compare(ld + as, al, rd + bs, bl));
                bits |= ((mask >>> (c + 1)) & 1) << j;
            }
            MemoryUtil.putByte(oa + (base >> 3), (byte) bits);
        }
    }
}
