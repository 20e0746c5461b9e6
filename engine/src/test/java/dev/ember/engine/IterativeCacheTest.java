package dev.ember.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20 iterations of one-dimensional k-means over lineitem's prices at SF 0.1, once over the
 * source and once over a cached copy: both must reach the same centroids; the times of both are
 * printed (the speedup cache() buys an iterative job).
 */
class IterativeCacheTest {
    private static final int ITERATIONS = 20;

    private static double[] kmeans(EmberSession session, String table, long[] nanos) {
        double[] c = {1000, 20000, 60000};
        long start = System.nanoTime();
        for (int it = 0; it < ITERATIONS; it++) {
            String q = String.format(Locale.ROOT, "select k, avg(x) from (select x, case"
                    + " when abs(x - %1$f) <= abs(x - %2$f) and abs(x - %1$f) <= abs(x - %3$f) then 0"
                    + " when abs(x - %2$f) <= abs(x - %3$f) then 1 else 2 end as k from %4$s) group by k order by k",
                    c[0], c[1], c[2], table);
            for (Row row : session.sql(q).collectAsList()) {
                c[((Number) row.get(0)).intValue()] = ((Number) row.get(1)).doubleValue();
            }
        }
        nanos[0] = System.nanoTime() - start;
        return c;
    }

    @Test
    void cachedAndUncachedReachTheSameCentroids() {
        try (EmberSession session = EmberSession.builder().getOrCreate()) {
            session.sql("create temp view pts as select cast(l_extendedprice as double) as x from tpch.sf0_1.lineitem");
            long[] plain = new long[1];
            double[] expected = kmeans(session, "pts", plain);
            long cacheStart = System.nanoTime();
            session.sql("cache table pts");
            long cacheNanos = System.nanoTime() - cacheStart;
            long[] cached = new long[1];
            double[] actual = kmeans(session, "pts", cached);
            for (int i = 0; i < 3; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6 * Math.abs(expected[i])));
            }
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "k-means, %d iterations over tpch.sf0_1.lineitem (600k rows): "
                    + "uncached %.0f ms, CACHE TABLE %.0f ms, cached %.0f ms, speedup %.1fx (%.1fx with the caching)",
                    ITERATIONS, plain[0] / 1e6, cacheNanos / 1e6, cached[0] / 1e6, (double) plain[0] / cached[0],
                    (double) plain[0] / (cached[0] + cacheNanos)));
            report.forEach(System.out::println);
        }
    }
}
