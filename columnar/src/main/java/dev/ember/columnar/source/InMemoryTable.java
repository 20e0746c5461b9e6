package dev.ember.columnar.source;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A table held as partitions of Arrow batches (CREATE TABLE, INSERT, generated tpch data).
 * Reads hand out projections of the stored batches without copying.
 */
public class InMemoryTable implements TableSource, AutoCloseable {
    private final String name;
    private final Schema schema;
    private volatile List<List<ColumnBatch>> partitions;

    public InMemoryTable(String name, Schema schema, List<List<ColumnBatch>> partitions) {
        this.name = name;
        this.schema = schema;
        this.partitions = List.copyOf(partitions);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    public List<List<ColumnBatch>> partitions() {
        return partitions;
    }

    /** Appends batches (owned by the table from now on) as a new partition. */
    public synchronized void append(List<ColumnBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        List<List<ColumnBatch>> next = new ArrayList<>(partitions);
        next.add(List.copyOf(batches));
        partitions = List.copyOf(next);
    }

    /** Replaces all rows; the old batches are freed. */
    public synchronized void replace(List<List<ColumnBatch>> newPartitions) {
        List<List<ColumnBatch>> old = partitions;
        partitions = List.copyOf(newPartitions);
        old.forEach(p -> p.forEach(ColumnBatch::close));
    }

    @Override
    public int numPartitions() {
        return Math.max(1, partitions.size());
    }

    @Override
    public TableStatistics statistics() {
        long rows = 0;
        long bytes = 0;
        for (List<ColumnBatch> p : partitions) {
            for (ColumnBatch b : p) {
                rows += b.rowCount();
                bytes += b.sizeInBytes();
            }
        }
        return TableStatistics.of(rows, bytes, true);
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        List<List<ColumnBatch>> snapshot = partitions;
        List<ColumnBatch> batches = partition < snapshot.size() ? snapshot.get(partition) : List.of();
        Schema projected = schema.project(columns);
        Iterator<ColumnBatch> it = batches.iterator();
        return new BatchReader() {
            private ColumnBatch current;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ColumnBatch next() {
                ColumnBatch b = it.next();
                FieldVector[] vs = new FieldVector[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    vs[i] = b.vector(columns[i]);
                }
                // A view over the stored vectors: borrowed, never closed by readers.
                current = columns.length == 0 ? ColumnBatch.ofRows(b.rowCount()) : new ColumnBatch(projected, vs, b.rowCount());
                return current;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        partitions.forEach(p -> p.forEach(ColumnBatch::close));
        partitions = List.of();
    }

    @Override
    public String toString() {
        return name + schema.fields().stream().map(Field::name).toList();
    }
}
