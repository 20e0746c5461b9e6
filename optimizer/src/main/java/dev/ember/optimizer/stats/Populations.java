package dev.ember.optimizer.stats;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The number of distinct values a key can take before any filter (its domain): Calcite's
 * population size where it knows it, else the row count of the table the key columns come from
 * (a key of that table has one value per row).
 */
public final class Populations {
    private Populations() {
    }

    public static double of(RelMetadataQuery mq, RelNode rel, ImmutableBitSet keys) {
        Double rows = mq.getRowCount(rel);
        double r = rows == null ? 1 : rows;
        Double p = mq.getPopulationSize(rel, keys);
        if (p != null && p > r) {
            return p;
        }
        double origin = -1;
        for (int k : keys) {
            RelColumnOrigin o = mq.getColumnOrigin(rel, k);
            if (o == null || o.isDerived()) {
                origin = -1;
                break;
            }
            origin = Math.max(origin, o.getOriginTable().getRowCount());
        }
        return Math.max(r, Math.max(origin, p == null ? 0 : p));
    }
}
