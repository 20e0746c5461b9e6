package dev.ember.optimizer;

import dev.ember.optimizer.physical.Estimate;
import dev.ember.optimizer.physical.PhysicalQuery;
import dev.ember.physical.plan.PhysicalPlan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code EXPLAIN FORMATTED}, as Spark prints it: first the bare operator tree, each operator
 * with a number, then one section per number with the operator's details (arguments, output
 * columns, estimate, the planner's notes (why a join strategy, what was pushed into a scan), its stage). The tree stays short enough to
 * read at a glance however long the expressions are. Numbers are given in post-order, scans
 * first, as Spark does, so that they read in the order data flows.
 */
public final class FormattedPlanPrinter {
    private final PhysicalQuery query;
    private final Map<PhysicalPlan, Integer> ids = new IdentityHashMap<>();
    private final Map<PhysicalPlan, Integer> stages = new IdentityHashMap<>();
    private final List<PhysicalPlan> ordered = new ArrayList<>();
    private int nextStage;

    public FormattedPlanPrinter(PhysicalQuery query) {
        this.query = query;
    }

    public String print() {
        number(query.root());
        stage(query.root(), nextStage++);
        StringBuilder sb = new StringBuilder();
        tree(query.root(), "", "", sb);
        for (PhysicalPlan p : ordered) {
            sb.append('\n').append(details(p));
        }
        return sb.toString();
    }

    private void number(PhysicalPlan p) {
        for (PhysicalPlan c : p.children()) {
            number(c);
        }
        ids.put(p, ordered.size() + 1);
        ordered.add(p);
    }

    private void stage(PhysicalPlan p, int stage) {
        stages.put(p, stage);
        for (PhysicalPlan c : p.children()) {
            stage(c, p instanceof PhysicalPlan.Exchange ? nextStage++ : stage);
        }
    }

    /** The operator's name: its EXPLAIN line up to the first blank. */
    private static String name(PhysicalPlan p) {
        String d = p.describe();
        int space = d.indexOf(' ');
        return space < 0 ? d : d.substring(0, space);
    }

    private void tree(PhysicalPlan p, String firstPrefix, String restPrefix, StringBuilder sb) {
        sb.append(firstPrefix).append(name(p)).append(" (").append(ids.get(p)).append(")\n");
        List<PhysicalPlan> children = p.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(children.get(i), restPrefix + (last ? "+- " : ":- "), restPrefix + (last ? "   " : ":  "), sb);
        }
    }

    private String details(PhysicalPlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append('(').append(ids.get(p)).append(") ").append(name(p)).append('\n');
        String d = p.describe();
        String args = d.length() > name(p).length() ? d.substring(name(p).length()).strip() : "";
        if (!args.isEmpty()) {
            sb.append("Arguments: ").append(args).append('\n');
        }
        if (!p.children().isEmpty()) {
            List<String> in = new ArrayList<>();
            for (PhysicalPlan c : p.children()) {
                in.add("(" + ids.get(c) + ")");
            }
            sb.append("Input: ").append(String.join(", ", in)).append('\n');
        }
        List<String> names = p.schema().names();
        sb.append("Output [").append(names.size()).append("]: ").append(names).append('\n');
        Estimate e = query.estimates().get(p);
        if (e != null) {
            sb.append("Estimate: ").append(e).append('\n');
        }
        String note = query.notes().get(p);
        if (note != null) {
            sb.append("Notes: ").append(note).append('\n');
        }
        sb.append("Stage: ").append(stages.get(p)).append('\n');
        return sb.toString();
    }
}
