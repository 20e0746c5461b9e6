package dev.ember.tpch.plan;

import dev.ember.common.config.ByteSize;
import dev.ember.engine.EmberSession;
import dev.ember.engine.QueryExecution;
import dev.ember.optimizer.physical.Estimate;
import dev.ember.optimizer.physical.PhysicalQuery;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinStrategy;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.tpch.TpchQueries;
import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the optimizer must do for the 22 TPC-H queries at SF 1 (planning only): decorrelate
 * everything, read lineitem at most three times in Q21, broadcast the small dimension tables,
 * never broadcast when broadcasting is off, and never build a hash table on the fact tables
 * when the other side's hash table is estimated smaller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchPlanTest {
    private EmberSession session;

    @BeforeAll
    void open() {
        session = TpchPlans.session();
    }

    @AfterAll
    void close() {
        session.close();
    }

    @Test
    void noCorrelateSurvivesInAnyQuery() {
        List<String> failures = new ArrayList<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            String text = RelOptUtil.toString(TpchPlans.plan(session, q).optimized());
            if (text.contains("Correlate") || text.contains("$cor")) {
                failures.add("Q" + q + ":\n" + text);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void q21ReadsLineitemAtMostThreeTimes() {
        PhysicalPlan root = TpchPlans.plan(session, 21).physical().root();
        long scans = TpchPlans.tables(root).stream().filter("lineitem"::equals).count();
        assertThat(scans).as("lineitem scans in Q21").isBetween(1L, 3L);
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {5, 8, 9})
    void nationAndRegionJoinsAreBroadcast(int query) {
        PhysicalPlan root = TpchPlans.plan(session, query).physical().root();
        int dimensionJoins = 0;
        for (PhysicalPlan n : TpchPlans.nodes(root)) {
            if (n instanceof PhysicalPlan.HashJoin j && (isDimension(j.left()) || isDimension(j.right()))) {
                dimensionJoins++;
                assertThat(j.strategy()).as("Q%d: %s", query, j.describe()).isEqualTo(JoinStrategy.BROADCAST);
            }
        }
        // Q5 joins nation and region, Q8 nation twice and region, Q9 nation: at least one each.
        assertThat(dimensionJoins).as("joins with nation or region in Q%d", query).isPositive();
    }

    private static boolean isDimension(PhysicalPlan side) {
        String t = TpchPlans.singleTable(side);
        return "nation".equals(t) || "region".equals(t);
    }

    @Test
    void withBroadcastOffNoQueryBroadcastsAHashJoin() {
        try (EmberSession off = TpchPlans.session("ember.sql.autoBroadcastJoinThreshold", "-1")) {
            List<String> broadcast = new ArrayList<>();
            int hashJoins = 0;
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                for (PhysicalPlan n : TpchPlans.nodes(TpchPlans.plan(off, q).physical().root())) {
                    if (n instanceof PhysicalPlan.HashJoin j) {
                        hashJoins++;
                        if (j.strategy() == JoinStrategy.BROADCAST) {
                            broadcast.add("Q" + q + ": " + j.describe());
                        }
                    }
                }
            }
            assertThat(hashJoins).isPositive();
            assertThat(broadcast).isEmpty();
        }
    }

    @Test
    void noInnerHashJoinBuildsOnLineitemOrOrdersWhenTheOtherSideIsSmaller() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            PhysicalQuery pq = TpchPlans.plan(session, q).physical();
            for (PhysicalPlan n : TpchPlans.nodes(pq.root())) {
                // Outer, semi and anti joins build the side their semantics fix; inner joins may choose.
                if (!(n instanceof PhysicalPlan.HashJoin j) || j.joinType() != JoinType.INNER) {
                    continue;
                }
                PhysicalPlan build = j.buildSide() == BuildSide.RIGHT ? j.right() : j.left();
                PhysicalPlan probe = j.buildSide() == BuildSide.RIGHT ? j.left() : j.right();
                List<String> built = TpchPlans.tables(build);
                if (!built.contains("lineitem") && !built.contains("orders")) {
                    continue;
                }
                checked++;
                Estimate be = estimate(pq, build);
                Estimate pe = estimate(pq, probe);
                String line = "Q" + q + ": " + j.describe() + " builds " + be + " (hash table "
                        + ByteSize.format((long) be.hashTableBytes()) + ") against a probe side of " + pe
                        + " (" + ByteSize.format((long) pe.hashTableBytes()) + ")";
                // Smaller means the smaller hash table: bytes plus a per-row entry, so that a long,
                // narrow side does not pass for small by its bytes alone.
                if (be.hashTableBytes() > pe.hashTableBytes()) {
                    failures.add(line);
                } else if (be.bytes() > pe.bytes() || be.rows() > pe.rows()) {
                    System.out.println("rows and bytes disagree, smaller hash table built: " + line);
                }
            }
        }
        System.out.println("inner hash joins building on lineitem or orders: " + checked);
        assertThat(failures).isEmpty();
    }

    /** A node's estimate; an exchange or other operator the planner added without one has its input's. */
    private static Estimate estimate(PhysicalQuery pq, PhysicalPlan p) {
        PhysicalPlan cur = p;
        while (pq.estimates().get(cur) == null && cur.children().size() == 1) {
            cur = cur.children().get(0);
        }
        Estimate e = pq.estimates().get(cur);
        assertThat(e).as("estimate of %s", p.describe()).isNotNull();
        return e;
    }

    @Test
    void planningSf1GeneratesNoData() {
        // Planning reads the catalog's statistics only: after all 22 plans no SF 1 table exists in memory.
        IntStream.rangeClosed(1, TpchQueries.COUNT).forEach(q -> TpchPlans.plan(session, q));
        for (String t : List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region")) {
            assertThat(dev.ember.columnar.tpch.TpchData.isGenerated(t, 1.0)).as("SF 1 %s generated", t).isFalse();
        }
    }
}
