package dev.ember.physical.exec;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.TaskContext;

import java.util.List;

/** Literal rows in one partition. */
final class ValuesRdd extends Rdd<ColumnBatch> {
    private final Schema schema;
    private final List<List<Object>> rows;

    ValuesRdd(Schema schema, List<List<Object>> rows) {
        this.schema = schema;
        this.rows = rows;
        setName("Values");
    }

    @Override
    public int numPartitions() {
        return 1;
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of();
    }

    @Override
    protected CloseableIterator<ColumnBatch> compute(int partition, TaskContext ctx) {
        ColumnBatch b;
        if (schema.size() == 0) {
            b = ColumnBatch.ofRows(rows.size());
        } else {
            try (BatchBuilder bb = new BatchBuilder(schema, ctx.allocator(), Math.max(1, rows.size()))) {
                for (List<Object> r : rows) {
                    bb.appendRow(r);
                }
                b = bb.build();
            }
        }
        return CloseableIterator.of(List.of(b).iterator(), b::close);
    }
}
