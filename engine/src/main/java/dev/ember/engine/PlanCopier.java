package dev.ember.engine;

import com.google.common.collect.ImmutableSet;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a logical plan into another Calcite cluster. Every DataFrame operation, and every run
 * of a query, plans in a cluster of its own (clusters hold planner state and metadata caches,
 * which are not safe to share between threads), while DataFrames share their inputs' plans;
 * joins and unions also combine plans built in different clusters. Correlation variables get
 * new ids in the target cluster, so two copied subqueries never collide.
 */
final class PlanCopier {
    private final RelOptCluster cluster;
    private final Map<CorrelationId, CorrelationId> correlations = new HashMap<>();
    private final Map<RelNode, RelNode> copied = new IdentityHashMap<>();

    private PlanCopier(RelOptCluster cluster) {
        this.cluster = cluster;
    }

    /** {@code rel} itself when it already belongs to {@code cluster}, else a copy in it. */
    static RelNode copy(RelNode rel, RelOptCluster cluster) {
        if (rel.getCluster() == cluster) {
            return rel;
        }
        return new PlanCopier(cluster).visit(rel);
    }

    private RelNode visit(RelNode rel) {
        RelNode done = copied.get(rel);
        if (done != null) {
            return done;
        }
        List<RelNode> in = new ArrayList<>();
        for (RelNode i : rel.getInputs()) {
            in.add(visit(i));
        }
        RelNode out = switch (rel) {
            case TableScan s -> LogicalTableScan.create(cluster, s.getTable(), s.getHints());
            case LogicalValues v -> LogicalValues.create(cluster, v.getRowType(), v.getTuples());
            case LogicalProject p -> LogicalProject.create(in.get(0), p.getHints(), rex(p.getProjects()), p.getRowType(),
                    ids(p.getVariablesSet()));
            case LogicalFilter f -> LogicalFilter.create(in.get(0), rex(f.getCondition()),
                    ImmutableSet.copyOf(ids(f.getVariablesSet())));
            case LogicalJoin j -> LogicalJoin.create(in.get(0), in.get(1), j.getHints(), rex(j.getCondition()),
                    ids(j.getVariablesSet()), j.getJoinType());
            case LogicalCorrelate c -> LogicalCorrelate.create(in.get(0), in.get(1), c.getHints(), id(c.getCorrelationId()),
                    c.getRequiredColumns(), c.getJoinType());
            case LogicalAggregate a -> LogicalAggregate.create(in.get(0), a.getHints(), a.getGroupSet(), a.getGroupSets(),
                    a.getAggCallList());
            case LogicalSort s -> LogicalSort.create(in.get(0), s.getCollation(), s.offset == null ? null : rex(s.offset),
                    s.fetch == null ? null : rex(s.fetch));
            case LogicalUnion u -> LogicalUnion.create(in, u.all);
            case LogicalIntersect i -> LogicalIntersect.create(in, i.all);
            case LogicalMinus m -> LogicalMinus.create(in, m.all);
            case LogicalWindow w -> LogicalWindow.create(in.get(0).getTraitSet(), w.getHints(), in.get(0), w.getConstants(),
                    w.getRowType(), w.groups);
            default -> throw new IllegalStateException("cannot copy " + rel.getRelTypeName() + " into another plan");
        };
        copied.put(rel, out);
        return out;
    }

    private CorrelationId id(CorrelationId old) {
        return correlations.computeIfAbsent(old, k -> cluster.createCorrel());
    }

    private Set<CorrelationId> ids(Set<CorrelationId> old) {
        Set<CorrelationId> out = new HashSet<>();
        for (CorrelationId c : old) {
            out.add(id(c));
        }
        return out;
    }

    private final RexShuttle rexShuttle = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
            return s.clone(visit(s.rel));
        }

        @Override
        public RexNode visitCorrelVariable(RexCorrelVariable v) {
            return cluster.getRexBuilder().makeCorrel(v.getType(), id(v.id));
        }
    };

    private RexNode rex(RexNode e) {
        return e.accept(rexShuttle);
    }

    private List<RexNode> rex(List<RexNode> es) {
        List<RexNode> out = new ArrayList<>(es.size());
        for (RexNode e : es) {
            out.add(rex(e));
        }
        return out;
    }
}
