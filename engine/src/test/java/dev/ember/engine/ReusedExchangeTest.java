package dev.ember.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query that needs the same shuffle twice (a view aggregated once for a join and once for its
 * maximum, as TPC-H Q15) computes it once: the second read is marked "(reused)" in EXPLAIN ANALYZE
 * and the map stage runs once, with the same answer as when nothing is shared.
 */
class ReusedExchangeTest {
    private EmberSession session;

    @BeforeEach
    void open() {
        session = EmberSession.builder().config("ember.sql.shuffle.partitions", "3").getOrCreate();
        session.range(0, 1000, 1, 4).createOrReplaceTempView("ids");
        session.sql("create table t as select id % 7 as k, id as x from ids").collect();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static final String QUERY = "with v as (select k, sum(x) as s from t group by k) "
            + "select k, s from v where s = (select max(s) from v) order by k";

    @Test
    void theSameShuffleTwiceIsComputedOnce() {
        String analyzed = session.sql("explain analyze " + QUERY).collectAsList().stream()
                .map(r -> String.valueOf(r.get(0))).collect(Collectors.joining("\n"));
        List<String> stages = analyzed.lines().filter(l -> l.startsWith("stage ")).toList();
        assertThat(stages).anyMatch(l -> l.contains("(reused)"));
        // The aggregation's map side (scan -> partial aggregate -> hash exchange) runs in one stage only.
        assertThat(stages.stream().filter(l -> l.contains("Scan") && l.contains("HashAggregate(partial)")).count())
                .as(analyzed).isEqualTo(1);
        long[] sums = new long[7];
        for (long id = 0; id < 1000; id++) {
            sums[(int) (id % 7)] += id;
        }
        int best = 0;
        for (int k = 1; k < 7; k++) {
            best = sums[k] > sums[best] ? k : best;
        }
        List<Row> rows = session.sql(QUERY).collectAsList();
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get(0)).longValue()).isEqualTo(best);
        assertThat(((Number) rows.get(0).get(1)).longValue()).isEqualTo(sums[best]);
    }

    @Test
    void differentSubplansAreNotShared() {
        String analyzed = session.sql("explain analyze select k, sum(x) from t group by k "
                + "union all select k, sum(x) from t where x > 10 group by k").collectAsList().stream()
                .map(r -> String.valueOf(r.get(0))).collect(Collectors.joining("\n"));
        assertThat(analyzed).doesNotContain("(reused)");
    }
}
