package dev.ember.optimizer.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code count(a, b)} counts the rows where every argument is non-NULL (Spark, DuckDB and the
 * SQL standard's reading of a multi-argument COUNT); Ember's COUNT kernel looks at one column.
 * So each such call becomes {@code count(*) FILTER (WHERE a IS NOT NULL AND b IS NOT NULL [AND
 * its own filter])} over a projection that adds that condition. {@code count(DISTINCT a, b)}
 * arrives here after the distinct expansion as a plain {@code count(a, b)} over the distinct
 * pairs, so it counts the distinct pairs without a NULL.
 */
public final class MultiArgumentCountRule extends RelOptRule {
    public static final MultiArgumentCountRule INSTANCE = new MultiArgumentCountRule();

    private MultiArgumentCountRule() {
        super(operand(LogicalAggregate.class, any()), "MultiArgumentCount");
    }

    private static boolean applies(AggregateCall c) {
        return c.getAggregation().getKind() == SqlKind.COUNT && !c.isDistinct() && c.getArgList().size() > 1;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate agg = call.rel(0);
        if (agg.getAggCallList().stream().noneMatch(MultiArgumentCountRule::applies)) {
            return;
        }
        RelNode input = agg.getInput();
        RexBuilder rb = agg.getCluster().getRexBuilder();
        int width = input.getRowType().getFieldCount();
        List<RexNode> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            exprs.add(rb.makeInputRef(input, i));
            names.add(input.getRowType().getFieldNames().get(i));
        }
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall c : agg.getAggCallList()) {
            if (!applies(c)) {
                calls.add(c);
                continue;
            }
            List<RexNode> conds = new ArrayList<>();
            for (int arg : c.getArgList()) {
                conds.add(rb.makeCall(SqlStdOperatorTable.IS_NOT_NULL, rb.makeInputRef(input, arg)));
            }
            if (c.filterArg >= 0) {
                conds.add(rb.makeCall(SqlStdOperatorTable.IS_TRUE, rb.makeInputRef(input, c.filterArg)));
            }
            exprs.add(rb.makeCall(SqlStdOperatorTable.AND, conds));
            names.add("$count_filter" + calls.size());
            calls.add(c.withArgList(List.of()).withFilter(exprs.size() - 1));
        }
        RelNode project = LogicalProject.create(input, List.of(), exprs, names, java.util.Set.of());
        call.transformTo(LogicalAggregate.create(project, agg.getHints(), agg.getGroupSet(), agg.getGroupSets(), calls));
    }
}
