package dev.ember.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parse speed of the 22 TPC-H queries after warm-up, printed (not asserted: timings depend on
 * the machine and on whoever else is using it). Expect a few milliseconds per query or less.
 */
class ParserSpeedTest {
    private static final int WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 50;

    @Test
    void tpchQueriesParseQuickly() {
        List<String> queries = new ArrayList<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            queries.add(TpchQueries.text(q));
        }
        int statements = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String sql : queries) {
                statements += EmberSqlParser.parseScript(sql).size();
            }
        }
        assertThat(statements).isEqualTo(WARM_UP_ROUNDS * (TpchQueries.COUNT + 1)); // q15 has two statements

        StringBuilder report = new StringBuilder("TPC-H parse times after warm-up (mean of ")
                .append(MEASURED_ROUNDS).append(" runs):\n");
        long total = 0;
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            String sql = queries.get(q - 1);
            long start = System.nanoTime();
            for (int round = 0; round < MEASURED_ROUNDS; round++) {
                assertThat(EmberSqlParser.parseScript(sql)).isNotEmpty();
            }
            long nanos = (System.nanoTime() - start) / MEASURED_ROUNDS;
            total += nanos;
            report.append(String.format("  q%-2d %8.3f ms%n", q, nanos / 1e6));
        }
        report.append(String.format("  all 22 %8.3f ms (%.3f ms per query)%n", total / 1e6,
                total / 1e6 / TpchQueries.COUNT));
        System.out.print(report);
    }
}
