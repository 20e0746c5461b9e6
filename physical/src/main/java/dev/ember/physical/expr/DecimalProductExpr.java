package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL multiply and divide, whose operand scales differ from the result's. Multiply takes
 * the exact product at scale s1+s2 and rounds it (half up) to the result scale; divide scales
 * the dividend so the quotient lands on the result scale and rounds half up. Operands and
 * result may each be 64-bit or 128-bit; operands that fit in a long take the fast path.
 * Division by zero gives NULL.
 */
final class DecimalProductExpr implements VectorExpr {
    private final boolean divide;
    private final VectorExpr left;
    private final VectorExpr right;
    private final DataType.DecimalType lt;
    private final DataType.DecimalType rt;
    private final DataType.DecimalType type;
    private final long[] tmp = new long[2];

    DecimalProductExpr(boolean divide, VectorExpr left, VectorExpr right, DataType.DecimalType type) {
        this.divide = divide;
        this.left = left;
        this.right = right;
        this.lt = (DataType.DecimalType) left.type();
        this.rt = (DataType.DecimalType) right.type();
        this.type = type;
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
        boolean lLong = lt.isLong();
        boolean rLong = rt.isLong();
        boolean oLong = type.isLong();
        try {
            if (divide) {
                divideLoop(la, ra, oa, va, n, allValid, lLong, rLong, oLong);
            } else {
                multiplyLoop(la, ra, oa, va, n, allValid, lLong, rLong, oLong);
            }
        } catch (ArithmeticException e) {
            throw ArithmeticExpr.overflow(type);
        }
        out.setValueCount(n);
        return out;
    }

    private void multiplyLoop(long la, long ra, long oa, long va, int n, boolean allValid,
                              boolean lLong, boolean rLong, boolean oLong) {
        int drop = lt.scale() + rt.scale() - type.scale();
        int precision = type.precision();
        if (lLong && rLong && oLong && drop == 0) {
            // The common TPC-H case: DECIMAL(15,2) * DECIMAL(16,2) into 64 bits.
            for (int i = 0; i < n; i++) {
                if (allValid || Bits.isSet(va, i)) {
                    long v = Math.multiplyExact(MemoryUtil.getLong(la + 8L * i), MemoryUtil.getLong(ra + 8L * i));
                    if (Math.abs(v) >= Int128.POW10_LONG[Math.min(precision, 18)] && precision < 19) {
                        throw ArithmeticExpr.overflow(type);
                    }
                    MemoryUtil.putLong(oa + 8L * i, v);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!allValid && !Bits.isSet(va, i)) {
                continue;
            }
            long aHi;
            long aLo;
            long bHi;
            long bLo;
            if (lLong) {
                aLo = MemoryUtil.getLong(la + 8L * i);
                aHi = aLo >> 63;
            } else {
                aLo = MemoryUtil.getLong(la + 16L * i);
                aHi = MemoryUtil.getLong(la + 16L * i + 8);
            }
            if (rLong) {
                bLo = MemoryUtil.getLong(ra + 8L * i);
                bHi = bLo >> 63;
            } else {
                bLo = MemoryUtil.getLong(ra + 16L * i);
                bHi = MemoryUtil.getLong(ra + 16L * i + 8);
            }
            Int128.multiply(aHi, aLo, bHi, bLo, tmp);
            if (drop > 0) {
                Int128.scaleDown(tmp[0], tmp[1], drop, tmp);
            } else if (drop < 0) {
                Int128.scaleUp(tmp[0], tmp[1], -drop, tmp);
            }
            store(oa, i, oLong, precision);
        }
    }

    private void divideLoop(long la, long ra, long oa, long va, int n, boolean allValid,
                            boolean lLong, boolean rLong, boolean oLong) {
        // quotient at scale s = (a * 10^k) / b with k = s - s1 + s2
        int k = type.scale() - lt.scale() + rt.scale();
        int precision = type.precision();
        for (int i = 0; i < n; i++) {
            if (!allValid && !Bits.isSet(va, i)) {
                continue;
            }
            long aHi;
            long aLo;
            long bHi;
            long bLo;
            if (lLong) {
                aLo = MemoryUtil.getLong(la + 8L * i);
                aHi = aLo >> 63;
            } else {
                aLo = MemoryUtil.getLong(la + 16L * i);
                aHi = MemoryUtil.getLong(la + 16L * i + 8);
            }
            if (rLong) {
                bLo = MemoryUtil.getLong(ra + 8L * i);
                bHi = bLo >> 63;
            } else {
                bLo = MemoryUtil.getLong(ra + 16L * i);
                bHi = MemoryUtil.getLong(ra + 16L * i + 8);
            }
            if (bHi == 0 && bLo == 0) {
                Bits.clear(va, i);
                continue;
            }
            boolean fast = false;
            if (k >= 0 && k <= 18 && Int128.fitsLong(aHi, aLo) && Int128.fitsLong(bHi, bLo)) {
                long hiProduct = Math.multiplyHigh(aLo, Int128.POW10_LONG[k]);
                long num = aLo * Int128.POW10_LONG[k];
                if (hiProduct == (num >> 63)) {
                    long q = Int128.divideRoundHalfUp(num, bLo);
                    tmp[0] = q >> 63;
                    tmp[1] = q;
                    fast = true;
                }
            }
            if (!fast) {
                BigDecimal a = Int128.toBigDecimal(aHi, aLo, lt.scale());
                BigDecimal b = Int128.toBigDecimal(bHi, bLo, rt.scale());
                Int128.fromBig(a.divide(b, type.scale(), RoundingMode.HALF_UP).unscaledValue(), tmp);
            }
            store(oa, i, oLong, precision);
        }
    }

    private void store(long oa, int i, boolean oLong, int precision) {
        if (!Int128.fitsPrecision(tmp[0], tmp[1], precision)) {
            throw ArithmeticExpr.overflow(type);
        }
        if (oLong) {
            MemoryUtil.putLong(oa + 8L * i, tmp[1]);
        } else {
            MemoryUtil.putLong(oa + 16L * i, tmp[1]);
            MemoryUtil.putLong(oa + 16L * i + 8, tmp[0]);
        }
    }
}
