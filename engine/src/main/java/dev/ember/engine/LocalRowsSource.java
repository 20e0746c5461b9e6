package dev.ember.engine;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows held on the driver as Java values ({@code createDataFrame(rows, schema)}, command
 * output), cut into partitions; each read builds Arrow batches in the reading task's memory, so
 * the table itself holds no Arrow memory and needs no closing.
 */
final class LocalRowsSource implements TableSource {
    private final String name;
    private final Schema schema;
    private final List<List<Object[]>> partitions;
    private final int batchSize;

    LocalRowsSource(String name, Schema schema, List<Object[]> rows, int numPartitions, int batchSize) {
        this.name = name;
        this.schema = schema;
        this.batchSize = batchSize;
        int n = Math.max(1, Math.min(numPartitions, Math.max(1, rows.size())));
        List<List<Object[]>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) rows.size() * i / n);
            int to = (int) ((long) rows.size() * (i + 1) / n);
            parts.add(List.copyOf(rows.subList(from, to)));
        }
        this.partitions = parts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int numPartitions() {
        return partitions.size();
    }

    @Override
    public TableStatistics statistics() {
        long rows = 0;
        for (List<Object[]> p : partitions) {
            rows += p.size();
        }
        return TableStatistics.of(rows, rows * Math.max(8, 8L * schema.size()), true);
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        List<Object[]> rows = partitions.get(partition);
        Schema projected = schema.project(columns);
        return new BatchReader() {
            private int next;
            private ColumnBatch current;

            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                closeCurrent();
                int n = Math.min(batchSize, rows.size() - next);
                if (columns.length == 0) {
                    next += n;
                    return ColumnBatch.ofRows(n);
                }
                try (BatchBuilder b = new BatchBuilder(projected, allocator, n)) {
                    Object[] values = new Object[columns.length];
                    for (int r = 0; r < n; r++) {
                        Object[] row = rows.get(next + r);
                        for (int c = 0; c < columns.length; c++) {
                            values[c] = row[columns[c]];
                        }
                        b.appendRow(values);
                    }
                    current = b.build();
                }
                next += n;
                return current;
            }

            private void closeCurrent() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() {
                closeCurrent();
            }
        };
    }
}
