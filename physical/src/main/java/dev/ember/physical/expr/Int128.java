package dev.ember.physical.expr;

import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Two's complement 128-bit integers as (hi, lo) pairs of longs: the unscaled values of
 * DECIMAL(p &gt; 18), laid out as Arrow's DecimalVector stores them (lo at byte 0, hi at byte 8).
 * Results go to a caller-owned {@code long[2]} ({@code [hi, lo]}) so that loops allocate nothing;
 * operands that fit in a long (nearly all of them) take a fast path.
 */
public final class Int128 {
    private static final BigInteger[] POW10_BIG = new BigInteger[39];
    private static final long[] POW10_HI = new long[39];
    private static final long[] POW10_LO = new long[39];
    public static final long[] POW10_LONG = new long[19];

    static {
        for (int i = 0; i <= 38; i++) {
            POW10_BIG[i] = BigInteger.TEN.pow(i);
            POW10_HI[i] = POW10_BIG[i].shiftRight(64).longValue();
            POW10_LO[i] = POW10_BIG[i].longValue();
        }
        long p = 1;
        for (int i = 0; i <= 18; i++) {
            POW10_LONG[i] = p;
            p *= 10;
        }
    }

    private Int128() {
    }

    public static boolean fitsLong(long hi, long lo) {
        return hi == (lo >> 63);
    }

    public static void add(long aHi, long aLo, long bHi, long bLo, long[] out) {
        long lo = aLo + bLo;
        long carry = Long.compareUnsigned(lo, aLo) < 0 ? 1 : 0;
        long hi = aHi + bHi + carry;
        // Signed overflow of the high word: both operands had the same sign and the result differs.
        if (((aHi ^ hi) & (bHi ^ hi)) < 0) {
            throw overflow();
        }
        out[0] = hi;
        out[1] = lo;
    }

    public static void negate(long hi, long lo, long[] out) {
        long nLo = -lo;
        long nHi = ~hi + (lo == 0 ? 1 : 0);
        out[0] = nHi;
        out[1] = nLo;
    }

    public static void subtract(long aHi, long aLo, long bHi, long bLo, long[] out) {
        negate(bHi, bLo, out);
        add(aHi, aLo, out[0], out[1], out);
    }

    public static void multiply(long aHi, long aLo, long bHi, long bLo, long[] out) {
        if (fitsLong(aHi, aLo) && fitsLong(bHi, bLo)) {
            out[0] = Math.multiplyHigh(aLo, bLo);
            out[1] = aLo * bLo;
            return;
        }
        fromBig(toBig(aHi, aLo).multiply(toBig(bHi, bLo)), out);
    }

    public static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compare(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** value * 10^k. */
    public static void scaleUp(long hi, long lo, int k, long[] out) {
        if (k == 0) {
            out[0] = hi;
            out[1] = lo;
        } else if (k <= 18) {
            multiply(hi, lo, 0, POW10_LONG[k], out);
        } else {
            multiply(hi, lo, POW10_HI[k], POW10_LO[k], out);
        }
    }

    /** value / 10^k, rounded half away from zero. */
    public static void scaleDown(long hi, long lo, int k, long[] out) {
        if (k == 0) {
            out[0] = hi;
            out[1] = lo;
            return;
        }
        if (fitsLong(hi, lo) && k <= 18) {
            long r = divideRoundHalfUp(lo, POW10_LONG[k]);
            out[0] = r >> 63;
            out[1] = r;
            return;
        }
        fromBig(new BigDecimal(toBig(hi, lo)).movePointLeft(k).setScale(0, RoundingMode.HALF_UP).toBigInteger(), out);
    }

    /** a / b for longs, rounded half away from zero (b != 0). */
    public static long divideRoundHalfUp(long a, long b) {
        long q = a / b;
        long r = a % b;
        if (r != 0 && Math.abs(r) >= Math.abs(b) - Math.abs(r)) {
            q += (a < 0) == (b < 0) ? 1 : -1;
        }
        return q;
    }

    /** 10^n for n in [0, 18], as a long. */
    public static long pow10(int n) {
        if (n < 0 || n > 18) {
            throw new IllegalArgumentException("10^" + n + " is not a long");
        }
        return POW10_LO[n];
    }

    /** True when |value| &lt; 10^precision. */
    public static boolean fitsPrecision(long hi, long lo, int precision) {
        if (precision >= 38) {
            return compare(hi, lo, POW10_HI[38], POW10_LO[38]) < 0
                    && compare(hi, lo, ~POW10_HI[38] + (POW10_LO[38] == 0 ? 1 : 0), -POW10_LO[38]) > 0;
        }
        if (hi >= 0) {
            return compare(hi, lo, POW10_HI[precision], POW10_LO[precision]) < 0;
        }
        long nLo = -lo;
        long nHi = ~hi + (lo == 0 ? 1 : 0);
        return compare(nHi, nLo, POW10_HI[precision], POW10_LO[precision]) < 0;
    }

    public static BigInteger toBig(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    public static void fromBig(BigInteger v, long[] out) {
        if (v.bitLength() > 127) {
            throw overflow();
        }
        out[1] = v.longValue();
        out[0] = v.shiftRight(64).longValue();
    }

    public static BigDecimal toBigDecimal(long hi, long lo, int scale) {
        return fitsLong(hi, lo) ? BigDecimal.valueOf(lo, scale) : new BigDecimal(toBig(hi, lo), scale);
    }

    public static ExecutionException overflow() {
        return new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE,
                "decimal value out of range (more than 38 digits)");
    }
}
