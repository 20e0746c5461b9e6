package dev.ember.engine;

import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.physical.scheduler.StageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive execution end to end: tiny shuffle partitions are coalesced into few tasks, a skewed
 * partition of a shuffled join is split into several tasks, and the answers are the same as
 * with adaptive execution off.
 */
class AdaptiveExecutionTest {
    // 60 % of the fact rows have key 0; every other key is unique. 16 map tasks per side, so a
    // skewed reduce partition can be cut into up to 16 pieces.
    private static final String SKEWED_JOIN = "select count(*), sum(f.v), sum(d.id), min(f.k), max(f.k)"
            + " from facts f %s join dims d on f.k = d.id";

    private EmberSession session;

    @BeforeEach
    void open() {
        session = EmberSession.builder().master("local[2]")
                .config("ember.sql.autoBroadcastJoinThreshold", "-1")
                .config("ember.sql.shuffle.partitions", "8")
                .getOrCreate();
        session.range(0, 200_000, 1, 16).selectExpr("case when id % 10 < 6 then 0 else id end as k", "id as v")
                .createOrReplaceTempView("facts");
        session.range(0, 200_000, 1, 16).createOrReplaceTempView("dims");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private record Run(List<List<Object>> rows, List<StageInfo> stages) {
        /** The stages adaptive execution changed. */
        List<StageInfo> adaptive() {
            return stages.stream().filter(s -> !s.adaptive.isEmpty()).toList();
        }
    }

    private Run run(String sql) {
        try (QueryResult r = session.sql(sql).execute(ProgressListener.NONE)) {
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : r.toList()) {
                rows.add(row.toList());
            }
            return new Run(rows, new ArrayList<>(r.job().stages()));
        }
    }

    private void set(String key, String value) {
        session.sql("set " + key + " = " + value);
    }

    /** Small enough that the skewed partition (about 2 MB) counts as skewed and splits into pieces. */
    private void skewAtTestScale() {
        set("ember.sql.adaptive.advisoryPartitionSizeInBytes", "256k");
        set("ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "1m");
    }

    @Test
    void tinyPartitionsAreCoalescedWithTheSameAnswer() {
        set("ember.sql.shuffle.partitions", "200");
        String sql = "select l_returnflag, l_linestatus, count(*), sum(l_quantity) from tpch.tiny.lineitem"
                + " group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus";
        Run adaptive = run(sql);
        set("ember.sql.adaptive.enabled", "false");
        Run plain = run(sql);

        assertThat(adaptive.rows()).hasSize(4).isEqualTo(plain.rows());
        assertThat(plain.stages()).anyMatch(s -> s.numPartitions == 200);
        assertThat(plain.adaptive()).isEmpty();
        // The aggregation's 200 reduce partitions (a few hundred bytes in all) become a task per core.
        StageInfo reduce = adaptive.adaptive().getFirst();
        assertThat(reduce.adaptive).startsWith("coalesced 200 -> ");
        assertThat(reduce.numPartitions).isBetween(1, 2);
        assertThat(adaptive.stages()).allMatch(s -> s.numPartitions < 200);
    }

    @Test
    void coalescingCanBeTurnedOffAlone() {
        set("ember.sql.shuffle.partitions", "50");
        set("ember.sql.adaptive.coalescePartitions.enabled", "false");
        Run r = run("select l_returnflag, count(*) from tpch.tiny.lineitem group by l_returnflag");
        assertThat(r.adaptive()).isEmpty();
        assertThat(r.stages()).anyMatch(s -> s.numPartitions == 50);
    }

    @Test
    void skewedJoinPartitionIsSplitWithTheSameAnswer() {
        skewAtTestScale();
        String sql = SKEWED_JOIN.formatted("inner");
        Run adaptive = run(sql);
        set("ember.sql.adaptive.skewJoin.enabled", "false");
        Run unsplit = run(sql);
        set("ember.sql.adaptive.enabled", "false");
        Run plain = run(sql);

        // 120,000 fact rows with key 0 and 80,000 with their own key, each matching one dim row.
        assertThat(plain.rows()).containsExactly(List.of(200_000L, 19_999_900_000L, 8_000_200_000L, 0L, 199_999L));
        assertThat(adaptive.rows()).isEqualTo(plain.rows());
        assertThat(unsplit.rows()).isEqualTo(plain.rows());

        StageInfo join = adaptive.adaptive().getFirst();
        assertThat(join.adaptive).containsPattern("skew join: partition \\d+ of Shuffle#\\d+ \\([\\d.]+ ?MB, median [\\d.]+ ?KB\\) split into \\d+");
        int pieces = Integer.parseInt(join.adaptive.replaceAll("(?s).*split into (\\d+).*", "$1"));
        assertThat(pieces).isGreaterThan(2);
        // One task per piece of the skewed partition, one for each of the other 7 (not coalesced:
        // each is above the advisory size with both sides counted).
        assertThat(join.numPartitions).isEqualTo(7 + pieces);
        assertThat(join.tasksSucceeded.get()).isEqualTo(join.numPartitions);
        assertThat(unsplit.adaptive()).noneMatch(s -> s.adaptive.contains("skew"));
        assertThat(plain.stages()).anyMatch(s -> s.numPartitions == 8);
    }

    @Test
    void explainAnalyzeShowsTheSplit() {
        skewAtTestScale();
        String text = session.sql(SKEWED_JOIN.formatted("inner")).explainString("analyze");
        assertThat(text).containsPattern("\\[adaptive: skew join: partition \\d+ of Shuffle#\\d+ .* split into \\d+; \\d+ tasks\\]");
    }

    @Test
    void leftJoinSplitsOnlyItsLeftSide() {
        skewAtTestScale();
        // Skew on the left: split.
        Run left = run(SKEWED_JOIN.formatted("left"));
        assertThat(left.adaptive()).anyMatch(s -> s.adaptive.contains("skew join"));
        // The same skewed facts on the right of a left join would emit dims rows once per piece: no split.
        String flipped = "select count(*), sum(f.v), count(f.k) from dims d left join facts f on f.k = d.id";
        Run right = run(flipped);
        assertThat(right.adaptive()).noneMatch(s -> s.adaptive.contains("skew join"));
        set("ember.sql.adaptive.enabled", "false");
        assertThat(left.rows()).isEqualTo(run(SKEWED_JOIN.formatted("left")).rows());
        assertThat(right.rows()).isEqualTo(run(flipped).rows());
    }

    @Test
    void fullOuterJoinIsNeverSplit() {
        skewAtTestScale();
        Run full = run(SKEWED_JOIN.formatted("full"));
        assertThat(full.adaptive()).noneMatch(s -> s.adaptive.contains("skew join"));
        set("ember.sql.adaptive.enabled", "false");
        assertThat(full.rows()).isEqualTo(run(SKEWED_JOIN.formatted("full")).rows());
    }

    @Test
    void aggregationOverTheJoinKeyKeepsTheJoinWhole() {
        skewAtTestScale();
        // The aggregate reuses the join's partitioning on k: splitting key 0 over several tasks
        // would give several groups for it, so the split must not happen.
        String sql = "select f.k, count(*) from facts f join dims d on f.k = d.id group by f.k order by 2 desc, 1 limit 3";
        Run r = run(sql);
        assertThat(r.adaptive()).noneMatch(s -> s.adaptive.contains("skew join"));
        assertThat(r.rows()).containsExactly(List.of(0L, 120_000L), List.of(6L, 1L), List.of(7L, 1L));
    }

    @Test
    void splitJoinRecomputesOnlyTheMapOutputsALostExecutorHeld() {
        skewAtTestScale();
        String sql = SKEWED_JOIN.formatted("inner");
        Run clean = run(sql);
        // Stages start in the order map, map, join: the executor goes once the join's pieces are decided.
        set("ember.fault.executorLoss.atStage", "3");
        List<List<Object>> rows = new ArrayList<>();
        try (QueryResult r = session.sql(sql).execute(ProgressListener.NONE)) {
            for (Row row : r.toList()) {
                rows.add(row.toList());
            }
            List<StageInfo> stages = r.job().stages();
            assertThat(rows).isEqualTo(clean.rows());
            assertThat(stages).anyMatch(s -> s.adaptive.contains("skew join"));
            int lost = r.job().faults().totalLostMapOutputs();
            int recomputed = stages.stream().mapToInt(s -> s.tasksRecomputed.get()).sum();
            assertThat(lost).isPositive();
            assertThat(recomputed).isPositive().isLessThanOrEqualTo(lost);
        }
    }
}
