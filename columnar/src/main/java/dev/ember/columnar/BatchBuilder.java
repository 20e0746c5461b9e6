package dev.ember.columnar;

import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Builds a batch row by row from Java values. For the edges (VALUES, INSERT, tests,
 * createDataFrame), never for operator hot loops.
 */
public final class BatchBuilder implements AutoCloseable {
    private final Schema schema;
    private final FieldVector[] vectors;
    private int rows;

    public BatchBuilder(Schema schema, BufferAllocator allocator, int capacity) {
        this.schema = schema;
        this.vectors = new FieldVector[schema.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = Vectors.allocate(schema.field(i).name(), schema.type(i), allocator, capacity);
        }
    }

    public BatchBuilder appendRow(Object... values) {
        for (int i = 0; i < vectors.length; i++) {
            Values.set(vectors[i], schema.type(i), rows, values[i]);
        }
        rows++;
        return this;
    }

    public BatchBuilder appendRow(List<?> values) {
        return appendRow(values.toArray());
    }

    public int rowCount() {
        return rows;
    }

    /** The batch built so far; the builder gives up its vectors. */
    public ColumnBatch build() {
        ColumnBatch b = new ColumnBatch(schema, vectors.clone(), rows);
        java.util.Arrays.fill(vectors, null);
        return b;
    }

    @Override
    public void close() {
        for (FieldVector v : vectors) {
            if (v != null) {
                v.close();
            }
        }
    }
}
