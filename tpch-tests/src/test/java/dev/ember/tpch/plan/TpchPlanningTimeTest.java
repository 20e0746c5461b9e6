package dev.ember.tpch.plan;

import dev.ember.engine.EmberSession;
import dev.ember.engine.QueryExecution;
import dev.ember.tpch.TpchQueries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports each TPC-H query's planning time at SF 1 after warm-up: parse and analysis, then the
 * optimizer's phases and physical planning ({@link QueryExecution#planningNanos()}), the median
 * of several runs. Times depend on the machine and its load, so nothing here asserts them; the
 * table goes to standard output and {@code target/planning-times.md} (see docs/optimizer.md).
 */
class TpchPlanningTimeTest {
    private static final int WARMUP_ROUNDS = 10;
    private static final int RUNS = 15;

    @Test
    void reportPlanningTimes() throws IOException {
        StringBuilder table = new StringBuilder("| query | analyze ms | optimize + physical ms | total ms |\n|---|---:|---:|---:|\n");
        try (EmberSession session = TpchPlans.session()) {
            // Warm-up: every query several times, so the JIT and Calcite's metadata code are compiled.
            for (int r = 0; r < WARMUP_ROUNDS; r++) {
                for (int q = 1; q <= TpchQueries.COUNT; q++) {
                    TpchPlans.plan(session, q);
                }
            }
            double[] totals = new double[TpchQueries.COUNT];
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                double[] analyze = new double[RUNS];
                double[] plan = new double[RUNS];
                for (int r = 0; r < RUNS; r++) {
                    long start = System.nanoTime();
                    QueryExecution qe = session.sql(TpchQueries.query(q)).queryExecution();
                    analyze[r] = (System.nanoTime() - start) / 1e6;
                    qe.physical();
                    plan[r] = qe.planningNanos() / 1e6;
                    assertThat(qe.physical().root()).isNotNull();
                }
                double a = median(analyze);
                double p = median(plan);
                totals[q - 1] = a + p;
                table.append(String.format(Locale.ROOT, "| Q%d | %.1f | %.1f | %.1f |%n", q, a, p, a + p));
            }
            Arrays.sort(totals);
            table.append(String.format(Locale.ROOT, "%nmedian total %.1f ms, max %.1f ms (%d cores available)%n",
                    totals[totals.length / 2], totals[totals.length - 1], Runtime.getRuntime().availableProcessors()));
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/planning-times.md"), table);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
