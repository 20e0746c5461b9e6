package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.OperatorMetrics;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads the used columns of a cached relation: a narrow step over the persisted Rdd that
 * hands out views of the stored batches (borrowed, never copied), so the persisted Rdd's
 * partitions come from the block managers.
 */
final class CachedScan {
    private CachedScan() {
    }

    static Rdd<ColumnBatch> of(Rdd<ColumnBatch> cached, PhysicalPlan.Scan scan, OperatorMetrics metrics) {
        int[] columns = scan.columns();
        Schema projected = scan.schema();
        MapPartitionsRdd<ColumnBatch, ColumnBatch> rdd = new MapPartitionsRdd<>(cached, (ctx, p, in) ->
                new CloseableIterator<>() {
                    @Override
                    public boolean hasNext() {
                        return in.hasNext();
                    }

                    @Override
                    public ColumnBatch next() {
                        ColumnBatch b = in.next();
                        FieldVector[] vs = new FieldVector[columns.length];
                        for (int i = 0; i < columns.length; i++) {
                            vs[i] = b.vector(columns[i]);
                        }
                        ColumnBatch out = columns.length == 0 ? ColumnBatch.ofRows(b.rowCount())
                                : new ColumnBatch(projected, vs, b.rowCount());
                        metrics.outputRows.add(out.rowCount());
                        metrics.outputBatches.increment();
                        return out;
                    }

                    @Override
                    public void close() {
                        in.close();
                    }
                }, true);
        rdd.setName("InMemoryScan " + scan.table());
        return rdd;
    }
}
