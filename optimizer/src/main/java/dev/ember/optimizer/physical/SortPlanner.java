package dev.ember.optimizer.physical;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.plan.SortKey;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY and LIMIT: with a limit, a top-N per partition then one final top-N; a plain limit
 * likewise with Limit; a full sort range-partitions large inputs (sampled bounds) so partitions
 * sort in parallel and concatenate in order, and gathers small ones into one partition.
 */
final class SortPlanner {
    /** Inputs estimated under this many rows sort in one partition. */
    static final double RANGE_SORT_MIN_ROWS = 200_000;

    private SortPlanner() {
    }

    static List<SortKey> keys(Sort s) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
            boolean asc = !fc.direction.isDescending();
            boolean nullsFirst = switch (fc.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                default -> asc;
            };
            keys.add(new SortKey(fc.getFieldIndex(), asc, nullsFirst));
        }
        return keys;
    }

    private static long value(RexNode n, String what) {
        if (n == null) {
            return -1;
        }
        if (n instanceof RexLiteral l) {
            return l.getValueAs(Long.class);
        }
        throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, what + " must be a constant");
    }

    static PhysicalPlanner.Planned plan(PhysicalPlanner pp, Sort s) {
        PhysicalPlanner.Planned child = pp.visit(s.getInput());
        List<SortKey> keys = keys(s);
        long fetch = value(s.fetch, "LIMIT");
        long offset = Math.max(0, value(s.offset, "OFFSET"));
        PhysicalPlan in = child.plan();
        boolean single = child.partitioning() instanceof Partitioning.Single;
        if (keys.isEmpty()) {
            if (fetch < 0 && offset == 0) {
                return child;
            }
            PhysicalPlan local = single ? in : new PhysicalPlan.Limit(in, fetch < 0 ? -1 : fetch + offset, 0);
            PhysicalPlan gathered = single ? local : pp.exchange(local, new Distribution.Single(), s);
            return new PhysicalPlanner.Planned(pp.note(new PhysicalPlan.Limit(gathered, fetch, offset), s), new Partitioning.Single());
        }
        if (fetch >= 0) {
            PhysicalPlan local = single ? in : new PhysicalPlan.TopN(in, keys, fetch + offset, 0);
            PhysicalPlan gathered = single ? local : pp.exchange(local, new Distribution.Single(), s);
            return new PhysicalPlanner.Planned(pp.note(new PhysicalPlan.TopN(gathered, keys, fetch, offset), s),
                    new Partitioning.Single());
        }
        PhysicalPlan sorted;
        Partitioning out;
        Double rows = pp.mq().getRowCount(s.getInput());
        if (single) {
            sorted = new PhysicalPlan.Sort(in, keys);
            out = child.partitioning();
        } else if (offset == 0 && rows != null && rows >= RANGE_SORT_MIN_ROWS && pp.shufflePartitions() > 1) {
            sorted = new PhysicalPlan.Sort(pp.exchange(in, new Distribution.Range(keys, pp.shufflePartitions()), s), keys);
            out = new Partitioning.Unknown(pp.shufflePartitions());
        } else {
            sorted = new PhysicalPlan.Sort(pp.exchange(in, new Distribution.Single(), s), keys);
            out = new Partitioning.Single();
        }
        pp.note(sorted, s);
        if (offset > 0) {
            sorted = new PhysicalPlan.Limit(sorted, -1, offset);
        }
        return new PhysicalPlanner.Planned(sorted, out);
    }
}
