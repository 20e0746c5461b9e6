package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;

import java.util.List;

/** Partitions of a table source, reading only the projected columns. */
final class SourceRdd extends Rdd<ColumnBatch> {
    private final TableSource source;
    private final int[] columns;
    private final OperatorMetrics metrics;

    SourceRdd(TableSource source, int[] columns, OperatorMetrics metrics) {
        this.source = source;
        this.columns = columns;
        this.metrics = metrics;
        setName("Scan " + source.name());
    }

    @Override
    public int numPartitions() {
        return source.numPartitions();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of();
    }

    @Override
    protected CloseableIterator<ColumnBatch> compute(int partition, TaskContext ctx) {
        long start = System.nanoTime();
        BatchReader reader = source.open(partition, columns, ctx.allocator());
        metrics.nanos.add(System.nanoTime() - start);
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                long s = System.nanoTime();
                boolean has = reader.hasNext();
                metrics.nanos.add(System.nanoTime() - s);
                return has;
            }

            @Override
            public ColumnBatch next() {
                long s = System.nanoTime();
                ColumnBatch b = reader.next();
                metrics.nanos.add(System.nanoTime() - s);
                metrics.outputRows.add(b.rowCount());
                metrics.outputBatches.increment();
                ctx.metrics().rowsRead += b.rowCount();
                ctx.metrics().batchesRead++;
                return b;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }
}
