package dev.ember.engine;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.rdd.CloseableIterator;
import org.apache.arrow.memory.BufferAllocator;

import java.util.NoSuchElementException;

/** Between Arrow batches and {@link Row}s, a partition at a time (DataFrame to Rdd and back). */
final class RowIterators {
    private RowIterators() {
    }

    /** The rows of borrowed batches, values copied out (rows outlive the batches). */
    static CloseableIterator<Row> rows(CloseableIterator<ColumnBatch> in, Schema schema) {
        return new CloseableIterator<>() {
            private ColumnBatch batch;
            private int row;

            @Override
            public boolean hasNext() {
                while (batch == null || row >= batch.rowCount()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    batch = in.next();
                    row = 0;
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] values = new Object[schema.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = Values.get(batch.vector(c), schema.type(c), row);
                }
                row++;
                return new Row(schema, values);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    /** Rows as batches of up to {@code batchSize} rows in {@code allocator}, each valid until the next call. */
    static CloseableIterator<ColumnBatch> batches(CloseableIterator<Row> in, Schema schema, BufferAllocator allocator,
                                                  int batchSize) {
        return new CloseableIterator<>() {
            private ColumnBatch current;

            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                release();
                try (BatchBuilder b = new BatchBuilder(schema, allocator, batchSize)) {
                    while (b.rowCount() < batchSize && in.hasNext()) {
                        Row r = in.next();
                        if (r.size() != schema.size()) {
                            throw new IllegalArgumentException("row " + r + " has " + r.size() + " values; the schema "
                                    + schema + " has " + schema.size() + " columns");
                        }
                        b.appendRow(r.toList().toArray());
                    }
                    current = b.build();
                }
                return current;
            }

            private void release() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() {
                release();
                in.close();
            }
        };
    }
}
