package dev.ember.physical.expr;

import org.apache.arrow.memory.util.MemoryUtil;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CompareKernels} against a scalar comparison, for every operator, constant and column forms. */
class CompareKernelsTest {
    /** Operator masks (bit c + 1 accepts outcome c) and their names, as CompareExpr builds them. */
    private static final int[] MASKS = {0b001, 0b011, 0b010, 0b101, 0b100, 0b110};
    private static final String[] NAMES = {"<", "<=", "=", "<>", ">", ">="};

    private static boolean accepts(int mask, int c) {
        return ((mask >>> (Integer.signum(c) + 1)) & 1) != 0;
    }

    @Test
    void everyOperatorMatchesAScalarComparison() {
        Random rnd = new Random(7);
        for (int n : new int[] {0, 1, 7, 8, 9, 64, 1000, 4096}) {
            long a = MemoryUtil.allocateMemory(8L * Math.max(1, n));
            long b = MemoryUtil.allocateMemory(8L * Math.max(1, n));
            long out = MemoryUtil.allocateMemory(n / 8 + 1);
            try {
                long[] xs = new long[n];
                long[] ys = new long[n];
                for (int i = 0; i < n; i++) {
                    // Few distinct values so that equality is common; extremes included.
                    xs[i] = i % 13 == 0 ? Long.MIN_VALUE : i % 17 == 0 ? Long.MAX_VALUE : rnd.nextInt(5) - 2;
                    ys[i] = rnd.nextInt(5) - 2;
                }
                for (int mi = 0; mi < MASKS.length; mi++) {
                    final int m = mi;
                    for (long k : new long[] {0, -2, 2, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putInt(a + 4L * i, (int) xs[i]);
                        }
                        CompareKernels.intConst(a, (int) k, MASKS[m], out, n);
                        check(out, n, i -> accepts(MASKS[m], Integer.compare((int) xs[i], (int) k)), NAMES[m] + " int const " + k);
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(a + 8L * i, xs[i]);
                        }
                        CompareKernels.longConst(a, k, MASKS[m], out, n);
                        check(out, n, i -> accepts(MASKS[m], Long.compare(xs[i], k)), NAMES[m] + " long const " + k);
                    }
                    for (int i = 0; i < n; i++) {
                        MemoryUtil.putInt(a + 4L * i, (int) xs[i]);
                        MemoryUtil.putInt(b + 4L * i, (int) ys[i]);
                    }
                    CompareKernels.intColumns(a, b, MASKS[m], out, n);
                    check(out, n, i -> accepts(MASKS[m], Integer.compare((int) xs[i], (int) ys[i])), NAMES[m] + " int columns");
                    for (int i = 0; i < n; i++) {
                        MemoryUtil.putLong(a + 8L * i, xs[i]);
                        MemoryUtil.putLong(b + 8L * i, ys[i]);
                    }
                    CompareKernels.longColumns(a, b, MASKS[m], out, n);
                    check(out, n, i -> accepts(MASKS[m], Long.compare(xs[i], ys[i])), NAMES[m] + " long columns");
                }
            } finally {
                MemoryUtil.freeMemory(a);
                MemoryUtil.freeMemory(b);
                MemoryUtil.freeMemory(out);
            }
        }
    }

    private static void check(long out, int n, java.util.function.IntPredicate expected, String what) {
        for (int i = 0; i < n; i++) {
            assertThat(Bits.isSet(out, i)).as(what + " row " + i + " of " + n).isEqualTo(expected.test(i));
        }
        if ((n & 7) != 0) {
            // Bits past the last value are clear, even for negated operators.
            assertThat(MemoryUtil.getByte(out + (n >> 3)) >>> (n & 7)).as(what + " tail").isZero();
        }
    }
}
