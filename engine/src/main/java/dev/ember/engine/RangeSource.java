package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

import java.util.NoSuchElementException;

/** {@code session.range(start, end, step, n)}: one BIGINT column {@code id}, generated in each task. */
final class RangeSource implements TableSource {
    static final Schema SCHEMA = new Schema(java.util.List.of(new Field("id", DataType.BIGINT, false)));

    private final long start;
    private final long step;
    private final long count;
    private final int partitions;
    private final int batchSize;

    RangeSource(long start, long end, long step, int partitions, int batchSize) {
        if (step == 0) {
            throw new IllegalArgumentException("range step must not be 0");
        }
        this.start = start;
        this.step = step;
        long span = step > 0 ? end - start : start - end;
        long s = Math.abs(step);
        this.count = span <= 0 ? 0 : (span + s - 1) / s;
        this.partitions = Math.max(1, partitions);
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "range(" + start + ", " + (start + count * step) + ", " + step + ")";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public TableStatistics statistics() {
        return TableStatistics.of(count, count * 8, true);
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        long from = count * partition / partitions;
        long to = count * (partition + 1) / partitions;
        return new BatchReader() {
            private long next = from;
            private ColumnBatch current;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                close();
                int n = (int) Math.min(batchSize, to - next);
                if (columns.length == 0) {
                    next += n;
                    return ColumnBatch.ofRows(n);
                }
                BigIntVector v = new BigIntVector("id", allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, start + (next + i) * step);
                }
                v.setValueCount(n);
                FieldVector[] vs = new FieldVector[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    vs[c] = v;
                }
                current = new ColumnBatch(SCHEMA.project(columns), vs, n);
                next += n;
                return current;
            }

            @Override
            public void close() {
                if (current != null) {
                    current.vector(0).close();
                    current = null;
                }
            }
        };
    }
}
