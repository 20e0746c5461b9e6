package dev.ember.tpch;

import dev.ember.engine.EmberSession;
import dev.ember.engine.QueryResult;
import dev.ember.engine.Row;
import dev.ember.physical.scheduler.FaultInjector;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.physical.scheduler.StageInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The 22 TPC-H queries at SF 0.01 under injected faults, each answer checked against DuckDB:
 * 10 % of task attempts failing, and one executor lost halfway through each query (after half
 * the tasks the query runs without faults). The stage metrics must show that recovery redid only
 * lost work: retries equal injected failures, and recomputed map tasks never exceed the map
 * outputs the lost executor held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchFaultToleranceTest {
    private DuckDbOracle duckdb;

    @BeforeAll
    void loadOracle() throws Exception {
        duckdb = new DuckDbOracle(0.01);
    }

    @AfterAll
    void close() throws Exception {
        duckdb.close();
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, TpchQueries.COUNT);
    }

    private record Run(List<List<Object>> rows, List<StageInfo> stages, FaultInjector faults) {
        int sum(java.util.function.ToIntFunction<StageInfo> f) {
            return stages.stream().mapToInt(f).sum();
        }
    }

    private static Run run(String sql, String... settings) {
        EmberSession.Builder b = EmberSession.builder().master("local[3]");
        for (int i = 0; i < settings.length; i += 2) {
            b.config(settings[i], settings[i + 1]);
        }
        try (EmberSession session = b.getOrCreate()) {
            session.sql("use tpch.tiny");
            try (QueryResult r = session.sql(sql).execute(ProgressListener.NONE)) {
                List<List<Object>> rows = new ArrayList<>();
                for (Row row : r.toList()) {
                    rows.add(row.toList());
                }
                return new Run(rows, new ArrayList<>(r.job().stages()), r.job().faults());
            }
        }
    }

    private void check(int query, Run run, String what) throws Exception {
        String diff = ResultComparator.compare(duckdb.query(TpchQueries.query(query)), run.rows());
        if (diff != null) {
            fail("Q" + query + " (" + what + ") differs from DuckDB: " + diff);
        }
    }

    @ParameterizedTest(name = "Q{0} with 10% task failures")
    @MethodSource("queries")
    void taskFailures(int query) throws Exception {
        Assumptions.assumeTrue(KnownGaps.QUERIES.get(query) == null, () -> KnownGaps.QUERIES.get(query));
        Run run = run(TpchQueries.query(query), "ember.fault.taskFailureRate", "0.1", "ember.fault.seed", String.valueOf(query));
        check(query, run, "10% task failures");
        int injected = run.faults().injectedFailures.get();
        assertThat(run.sum(s -> s.tasksFailed.get())).isEqualTo(injected);
        assertThat(run.sum(s -> s.tasksRetried.get())).isEqualTo(injected);
        assertThat(run.sum(s -> s.tasksRecomputed.get())).isZero();
    }

    @ParameterizedTest(name = "Q{0} with an executor lost mid-query")
    @MethodSource("queries")
    void executorLost(int query) throws Exception {
        Assumptions.assumeTrue(KnownGaps.QUERIES.get(query) == null, () -> KnownGaps.QUERIES.get(query));
        String sql = TpchQueries.query(query);
        int tasks = run(sql).sum(s -> s.tasksSucceeded.get());
        Run run = run(sql, "ember.fault.executorLoss.afterTasks", String.valueOf(Math.max(1, tasks / 2)));
        check(query, run, "executor lost after " + tasks / 2 + " of " + tasks + " tasks");
        assertThat(run.faults().lostExecutor).as("an executor was lost").isGreaterThanOrEqualTo(0);
        assertThat(run.sum(s -> s.tasksRecomputed.get())).as("recomputed map tasks")
                .isLessThanOrEqualTo(run.faults().totalLostMapOutputs());
        assertThat(run.sum(s -> s.tasksFailed.get())).isZero();
        System.out.printf("Q%d: %d tasks, executor %d lost after %d: %d map outputs and %d cached blocks lost, %d tasks recomputed%n",
                query, tasks, run.faults().lostExecutor, tasks / 2, run.faults().totalLostMapOutputs(), run.faults().lostBlocks,
                run.sum(s -> s.tasksRecomputed.get()));
    }

    /** Broadcast off and skew thresholds at zero: every shuffled join's larger partitions run as split tasks. */
    // Exchange reuse off: when an executor is lost while two stages read one reused shuffle, a
    // lost map output can be recomputed more than once (answers stay right; seen on Q15, about one
    // run in five). Known gap, in docs/caching-and-recovery.md; the count asserted here holds without reuse.
    private static final String[] FORCED_SKEW = {"ember.sql.exchange.reuse", "false",
        "ember.sql.autoBroadcastJoinThreshold", "-1",
        "ember.sql.adaptive.skewJoin.skewedPartitionFactor", "1",
        "ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "0",
        "ember.sql.adaptive.advisoryPartitionSizeInBytes", "1k"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @ParameterizedTest(name = "Q{0} with skew splits and an executor lost mid-query")
    @MethodSource("queries")
    void executorLostUnderSkewSplits(int query) throws Exception {
        Assumptions.assumeTrue(KnownGaps.QUERIES.get(query) == null, () -> KnownGaps.QUERIES.get(query));
        String sql = TpchQueries.query(query);
        Run clean = run(sql, FORCED_SKEW);
        int tasks = clean.sum(s -> s.tasksSucceeded.get());
        Run run = run(sql, with(FORCED_SKEW, "ember.fault.executorLoss.afterTasks", String.valueOf(Math.max(1, tasks / 2))));
        check(query, run, "skew splits, executor lost after " + tasks / 2 + " of " + tasks + " tasks");
        assertThat(run.faults().lostExecutor).as("an executor was lost").isGreaterThanOrEqualTo(0);
        assertThat(run.sum(s -> s.tasksRecomputed.get())).as("recomputed map tasks")
                .isLessThanOrEqualTo(run.faults().totalLostMapOutputs());
        assertThat(run.sum(s -> s.tasksFailed.get())).isZero();
        System.out.printf("Q%d under skew splits: %d stages split, executor %d lost after %d of %d tasks, %d tasks recomputed%n",
                query, run.stages().stream().filter(s -> s.adaptive.contains("skew join")).count(), run.faults().lostExecutor,
                tasks / 2, tasks, run.sum(s -> s.tasksRecomputed.get()));
    }
}
