package dev.ember.optimizer;

import dev.ember.optimizer.physical.Estimate;
import dev.ember.optimizer.physical.PhysicalQuery;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.scheduler.OperatorMetrics;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a physical plan for people: one operator per line, indented as a tree, with the
 * estimate that drove each decision, stage boundaries at exchanges, and (for EXPLAIN ANALYZE)
 * what each operator actually did.
 */
public final class PlanPrinter {
    private final PhysicalQuery query;
    private final Function<PhysicalPlan, OperatorMetrics> metrics;
    private final Map<PhysicalPlan, Integer> stages = new IdentityHashMap<>();
    private int nextStage;

    public PlanPrinter(PhysicalQuery query, Function<PhysicalPlan, OperatorMetrics> metrics) {
        this.query = query;
        this.metrics = metrics;
    }

    public String print() {
        assignStages(query.root(), nextStage++);
        StringBuilder sb = new StringBuilder();
        print(query.root(), "", "", sb, -1);
        return sb.toString();
    }

    private void assignStages(PhysicalPlan p, int stage) {
        stages.put(p, stage);
        for (PhysicalPlan c : p.children()) {
            assignStages(c, p instanceof PhysicalPlan.Exchange ? nextStage++ : stage);
        }
    }

    private void print(PhysicalPlan p, String firstPrefix, String restPrefix, StringBuilder sb, int parentStage) {
        int stage = stages.get(p);
        StringBuilder line = new StringBuilder(firstPrefix).append(p.describe());
        Estimate e = query.estimates().get(p);
        if (e != null) {
            line.append("  (").append(e).append(')');
        }
        String note = query.notes().get(p);
        if (note != null) {
            line.append("  [").append(note).append(']');
        }
        if (stage != parentStage) {
            line.append("  <stage ").append(stage).append('>');
        }
        OperatorMetrics m = metrics == null ? null : metrics.apply(p);
        if (m != null) {
            line.append("\n").append(restPrefix).append(p.children().isEmpty() ? "    " : "│   ")
                    .append("actual: rows=").append(m.outputRows.sum()).append(" batches=").append(m.outputBatches.sum())
                    .append(" time=").append(String.format(Locale.ROOT, "%.1fms", m.nanos.sum() / 1e6));
            if (m.peakMemory() > 0) {
                line.append(" peak memory=").append(dev.ember.common.config.ByteSize.format(m.peakMemory()));
            }
            if (m.bytesSpilled.sum() > 0) {
                line.append(" spilled=").append(dev.ember.common.config.ByteSize.format(m.bytesSpilled.sum()));
            }
        }
        sb.append(line).append('\n');
        var children = p.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            print(children.get(i), restPrefix + (last ? "└─ " : "├─ "), restPrefix + (last ? "   " : "│  "), sb, stage);
        }
    }
}
