package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.physical.scheduler.StageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CACHE TABLE and friends: cached plans are substituted, read from the block managers, evicted, recomputed. */
class CacheTest {
    private static final String ITEMS = "select l_orderkey, l_partkey, l_quantity, l_extendedprice from tpch.tiny.lineitem"
            + " where l_quantity > 10";

    private EmberSession session;

    @BeforeEach
    void open() {
        session = EmberSession.builder().master("local[3]").config("ember.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<List<Object>> rows(String sql) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : session.sql(sql).collectAsList()) {
            out.add(r.toList());
        }
        return out;
    }

    /** Runs a query and returns the per-stage metrics of its job. */
    private List<StageInfo> stages(String sql, List<List<Object>> answer) {
        try (QueryResult r = session.sql(sql).execute(ProgressListener.NONE)) {
            for (Row row : r.toList()) {
                answer.add(row.toList());
            }
            return new ArrayList<>(r.job().stages());
        }
    }

    private static long sum(List<StageInfo> stages, ToLongFunction<StageInfo> f) {
        return stages.stream().mapToLong(f).sum();
    }

    private String explain(String sql) {
        return session.sql("explain " + sql).collectAsList().get(0).getString(0);
    }

    private Row showCache(String name) {
        for (Row r : session.sql("show cache").collectAsList()) {
            if (r.getString(0).equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new AssertionError(name + " not in SHOW CACHE");
    }

    @Test
    void cachedQueryIsReadFromTheCacheNotTheSource() {
        String q = "select l_partkey % 10 as k, count(*), sum(l_quantity) from items group by 1 order by 1";
        session.sql("create temp view items as " + ITEMS);
        List<List<Object>> expected = rows(q);
        session.sql("cache table items");
        assertThat(explain(q)).contains("InMemoryScan cached.items");
        List<List<Object>> actual = new ArrayList<>();
        List<StageInfo> st = stages(q, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(sum(st, s -> s.sourceRowsRead.get())).isZero();
        Row show = showCache("items");
        long partitions = show.getLong(2);
        assertThat(partitions).isPositive();
        assertThat(sum(st, s -> s.cachedPartitionsRead.get())).isEqualTo(partitions);
        assertThat(show.getString(1)).isEqualTo("MEMORY_AND_DISK");
        assertThat(show.getLong(3)).isEqualTo(partitions);
        assertThat(show.getLong(5)).isZero();
        assertThat(show.getLong(6)).isPositive();

        session.sql("uncache table items");
        assertThat(explain(q)).doesNotContain("InMemoryScan");
        assertThat(rows(q)).isEqualTo(expected);
        assertThat(session.sql("show cache").collectAsList()).isEmpty();
    }

    @Test
    void cacheTableAsSelectAndLazy() {
        session.sql("cache lazy table big_orders as select o_orderkey, o_totalprice from tpch.tiny.orders where o_totalprice > 200000");
        Row before = showCache("big_orders");
        assertThat(before.getLong(3)).isZero();
        assertThat(before.getLong(5)).isEqualTo(before.getLong(2));
        List<List<Object>> a = rows("select count(*) from big_orders");
        List<List<Object>> b = rows("select count(*) from tpch.tiny.orders where o_totalprice > 200000");
        assertThat(a).isEqualTo(b);
        Row after = showCache("big_orders");
        assertThat(after.getLong(3)).isEqualTo(after.getLong(2));
        // The same plan written again is found in the cache too (plans compare by digest).
        session.sql("cache table agg as select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey");
        String same = "select * from (select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey) where q > 1000";
        assertThat(explain(same)).contains("InMemoryScan cached.agg");
        session.sql("uncache table agg");
        assertThat(explain(same)).doesNotContain("InMemoryScan");
    }

    @Test
    void storageLevelOptionAndErrors() {
        session.sql("cache table d options ('storageLevel' 'DISK_ONLY') as select * from tpch.tiny.nation");
        Row r = showCache("d");
        assertThat(r.getString(1)).isEqualTo("DISK_ONLY");
        assertThat(r.getLong(4)).isEqualTo(r.getLong(2));
        assertThat(r.getLong(6)).isZero();
        assertThat(rows("select count(*) from d").get(0).get(0)).isEqualTo(25L);
        assertThatThrownBy(() -> session.sql("cache table e options ('storageLevel' 'SOMEWHERE') as select 1"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_CONFIG));
        assertThatThrownBy(() -> session.sql("uncache table nope"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND));
        session.sql("uncache table if exists nope");
        session.sql("clear cache");
        assertThat(session.sql("show cache").collectAsList()).isEmpty();
    }

    @Test
    void smallMemoryEvictsAndAnswersStayRight() {
        String q = "select count(*), sum(l_quantity), max(l_extendedprice) from items";
        session.sql("create temp view items as " + ITEMS);
        List<List<Object>> expected = rows(q);
        // About 300KB for cached blocks: lineitem's partitions do not all fit.
        session.sql("set ember.storage.memoryFraction = " + (300_000.0 / session.conf().get(dev.ember.common.config.EmberConf.MEMORY_LIMIT)));
        session.sql("cache table items");
        assertThat(rows(q)).isEqualTo(expected);
        Row spilled = showCache("items");
        assertThat(spilled.getLong(4)).isPositive();
        assertThat(spilled.getLong(5)).isZero();
        assertThat(spilled.getLong(6)).isLessThanOrEqualTo(300_000);

        session.sql("cache table items options ('storageLevel' 'MEMORY_ONLY')");
        assertThat(rows(q)).isEqualTo(expected);
        Row dropped = showCache("items");
        assertThat(dropped.getLong(4)).isZero();
        assertThat(dropped.getLong(5)).isPositive();
        assertThat(rows(q)).isEqualTo(expected);
    }

    @Test
    void droppedPartitionIsRecomputedFromLineage() {
        session.sql("cache table agg as select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey");
        String q = "select count(*), sum(q) from agg";
        List<List<Object>> expected = rows("select count(*), sum(q) from (select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey)");
        session.sql("set ember.fault.dropCachedPartition = 1");
        List<List<Object>> actual = new ArrayList<>();
        List<StageInfo> st = stages(q, actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(sum(st, s -> s.cachedPartitionsComputed.get())).isEqualTo(1);
        long partitions = showCache("agg").getLong(2);
        assertThat(sum(st, s -> s.cachedPartitionsRead.get())).isEqualTo(partitions - 1);
        // The aggregate's shuffle outputs were kept with the cache: only the reduce side reran.
        assertThat(sum(st, s -> s.sourceRowsRead.get())).isZero();
    }

    @Test
    void insertInvalidatesTheCache() {
        session.sql("create table t (a int)");
        session.sql("insert into t values (1), (2), (3)");
        session.sql("cache table t");
        assertThat(rows("select count(*) from t").get(0).get(0)).isEqualTo(3L);
        session.sql("insert into t values (4), (5)");
        assertThat(rows("select count(*) from t").get(0).get(0)).isEqualTo(5L);
        session.sql("drop table t");
        assertThat(session.sql("show cache").collectAsList()).isEmpty();
    }

    @Test
    void explainLineageMarksCachedRdds() {
        session.sql("cache table agg as select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey");
        String lineage = session.sql("explain lineage select q, count(*) from agg group by q").collectAsList().get(0).getString(0);
        assertThat(lineage).contains("== Lineage ==");
        assertThat(lineage).contains("[cached MEMORY_AND_DISK]");
        assertThat(lineage).contains("+-Shuffle#");
        String analyzed = session.sql("explain analyze select q, count(*) from agg group by q").collectAsList().get(0).getString(0);
        assertThat(analyzed).contains("InMemoryScan").contains("cached partitions read=");
    }

    @Test
    void iterativeKMeansReadsTheSourceOnlyOnce() {
        session.sql("cache table pts as select l_extendedprice as x from tpch.tiny.lineitem");
        double[] c = {1000, 20000, 60000};
        for (int it = 0; it < 20; it++) {
            String q = String.format(java.util.Locale.ROOT, "select k, avg(x) from (select x, case"
                    + " when abs(x - %1$f) <= abs(x - %2$f) and abs(x - %1$f) <= abs(x - %3$f) then 0"
                    + " when abs(x - %2$f) <= abs(x - %3$f) then 1 else 2 end as k from pts) group by k order by k",
                    c[0], c[1], c[2]);
            List<List<Object>> answer = new ArrayList<>();
            List<StageInfo> st = stages(q, answer);
            assertThat(sum(st, s -> s.sourceRowsRead.get())).as("iteration %d reads the source", it).isZero();
            for (List<Object> row : answer) {
                c[((Number) row.get(0)).intValue()] = ((Number) row.get(1)).doubleValue();
            }
        }
        assertThat(c[0]).isLessThan(c[1]);
        assertThat(c[1]).isLessThan(c[2]);
    }

    @Test
    void checkpointCutsTheLineageOfAQuery(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        session.sql("set ember.checkpoint.dir = '" + dir + "'");
        String q = "select l_suppkey, sum(l_quantity) as q from tpch.tiny.lineitem group by l_suppkey";
        List<List<Object>> expected = rows("select count(*), sum(q) from (" + q + ")");
        QueryExecution cp = session.cacheManager().checkpoint(session.sql(q).queryExecution());
        DataFrame df = new DataFrame(session, cp);
        assertThat((long) df.collectAsList().size()).isEqualTo(expected.get(0).get(0));
        String lineage = session.sql("explain lineage select count(*), sum(q) from cached.checkpoint_1").collectAsList().get(0).getString(0);
        assertThat(lineage).contains("[checkpointed").doesNotContain("Scan tpch");
        List<List<Object>> actual = new ArrayList<>();
        List<StageInfo> st = stages("select count(*), sum(q) from cached.checkpoint_1", actual);
        assertThat(actual).isEqualTo(expected);
        assertThat(sum(st, s -> s.sourceRowsRead.get())).isZero();
        assertThat(sum(st, s -> s.checkpointPartitionsRead.get())).isPositive();
    }

    @Test
    void cachingMoreThanTheMemoryLimitHoldsStillAnswersRight() {
        try (EmberSession small = EmberSession.builder().master("local[2]").config("ember.memory.limit", "16MB")
                .config("ember.sql.shuffle.partitions", "4").getOrCreate()) {
            small.sql("use tpch.tiny");
            String q = "select o_orderpriority, count(*), sum(l_extendedprice) from orders join lineitem on o_orderkey = l_orderkey"
                    + " where l_shipmode in ('MAIL', 'SHIP') group by o_orderpriority order by 1";
            List<Row> expected = small.sql(q).collectAsList();
            small.sql("cache table lineitem");
            small.sql("cache table orders");
            small.sql("cache table partsupp");
            assertThat(small.sql(q).collectAsList()).isEqualTo(expected);
            long onDisk = 0;
            long memory = 0;
            for (Row r : small.sql("show cache").collectAsList()) {
                onDisk += r.getLong(4);
                memory += r.getLong(6);
            }
            // Three tables of ~11.4MB in all cannot stay within half of 16MB: some partitions went to disk.
            assertThat(onDisk).isPositive();
            assertThat(memory).isLessThanOrEqualTo(8L << 20);
            assertThat(small.sql(q).collectAsList()).isEqualTo(expected);
        }
    }

    @Test
    void faultSettingsAreDocumentedAndShowInExplainAnalyze() {
        List<String> keys = new ArrayList<>();
        for (Row r : session.sql("set -v").collectAsList()) {
            keys.add(r.getString(0));
        }
        assertThat(keys).contains("ember.fault.taskFailureRate", "ember.fault.seed", "ember.fault.executorLoss.afterTasks",
                "ember.fault.executorLoss.atStage", "ember.fault.dropCachedPartition", "ember.fault.slowTask.partition",
                "ember.storage.memoryFraction", "ember.checkpoint.dir", "ember.speculation", "ember.speculation.multiplier",
                "ember.speculation.quantile");
        assertThatThrownBy(() -> session.sql("set ember.fault.taskFailureRate = 2"))
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_CONFIG));
        session.sql("set ember.fault.taskFailureRate = 0.5");
        String plan = explain("analyze select l_returnflag, count(*) from tpch.tiny.lineitem group by 1");
        assertThat(plan).contains("failed").contains("retried");
        session.sql("reset ember.fault.taskFailureRate");
        session.sql("set ember.fault.executorLoss.atStage = 2");
        List<List<Object>> expected = rows("select count(*) from tpch.tiny.orders");
        assertThat(expected.get(0).get(0)).isEqualTo(15000L);
    }
}
