package dev.ember.columnar;

import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * One Arrow record batch with Ember's schema: the unit of data that flows between operators,
 * through shuffles and into the cache.
 *
 * <p>Ownership: a batch returned by an operator's iterator is <em>borrowed</em>. It stays valid
 * until the next call on that iterator (or until the producer closes); a consumer that keeps it
 * longer copies it with {@link #copy}. The producer closes what it allocated.
 */
public final class ColumnBatch implements AutoCloseable {
    private final Schema schema;
    private final FieldVector[] vectors;
    private final int rowCount;

    public ColumnBatch(Schema schema, FieldVector[] vectors, int rowCount) {
        if (schema.size() != vectors.length) {
            throw new IllegalArgumentException("schema has " + schema.size() + " columns, batch has " + vectors.length);
        }
        this.schema = schema;
        this.vectors = vectors;
        this.rowCount = rowCount;
        for (FieldVector v : vectors) {
            if (v.getValueCount() != rowCount) {
                v.setValueCount(rowCount);
            }
        }
    }

    /** A batch with no columns and {@code rowCount} rows (for {@code count(*)} over pruned scans). */
    public static ColumnBatch ofRows(int rowCount) {
        return new ColumnBatch(new Schema(java.util.List.of()), new FieldVector[0], rowCount);
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return vectors.length;
    }

    public FieldVector vector(int i) {
        return vectors[i];
    }

    public FieldVector[] vectors() {
        return vectors;
    }

    /** Bytes held by the vectors' buffers. */
    public long sizeInBytes() {
        long total = 0;
        for (FieldVector v : vectors) {
            total += v.getBufferSize();
        }
        return total;
    }

    /** A deep copy owned by {@code allocator}. */
    public ColumnBatch copy(BufferAllocator allocator) {
        FieldVector[] out = new FieldVector[vectors.length];
        try {
            for (int i = 0; i < vectors.length; i++) {
                out[i] = VectorCopy.copy(vectors[i], rowCount, allocator);
            }
        } catch (RuntimeException e) {
            for (FieldVector v : out) {
                if (v != null) {
                    v.close();
                }
            }
            throw e;
        }
        return new ColumnBatch(schema, out, rowCount);
    }

    /**
     * Keeps a borrowed batch without copying: the new batch shares the buffers (reference counted)
     * and is accounted to {@code allocator}. Safe because producers never rewrite a batch they
     * have handed out.
     */
    public ColumnBatch retain(BufferAllocator allocator) {
        FieldVector[] out = new FieldVector[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            TransferPair tp = vectors[i].getTransferPair(allocator);
            tp.splitAndTransfer(0, rowCount);
            out[i] = (FieldVector) tp.getTo();
        }
        return new ColumnBatch(schema, out, rowCount);
    }

    /** Moves the vectors into a new batch owned by {@code allocator}; this batch becomes empty. */
    public ColumnBatch transferTo(BufferAllocator allocator) {
        FieldVector[] out = new FieldVector[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            TransferPair tp = vectors[i].getTransferPair(allocator);
            tp.transfer();
            out[i] = (FieldVector) tp.getTo();
        }
        return new ColumnBatch(schema, out, rowCount);
    }

    @Override
    public void close() {
        for (FieldVector v : vectors) {
            v.close();
        }
    }

    @Override
    public String toString() {
        return "ColumnBatch[" + rowCount + " rows, " + schema + "]";
    }
}
