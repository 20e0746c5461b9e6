package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.SortKey;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Finds, in rows sorted by (partition keys, order keys) and arriving a batch at a time, which rows
 * start a new window partition and which start a new peer group (rows equal on the ORDER BY keys),
 * by comparing each row's normalized key with the previous row's, across batch edges. The result
 * is one int of flags per row: {@link #PARTITION} and {@link #PEER} (a partition start is also a
 * peer start, so a test for {@code PEER} finds both).
 */
final class WindowBoundaries implements AutoCloseable {
    static final int PARTITION = 1;
    static final int PEER = 2;

    private final Key partition;
    private final Key peers;
    private boolean first = true;

    WindowBoundaries(Schema schema, List<SortKey> partitionKeys, List<SortKey> orderKeys, BufferAllocator allocator) {
        this.partition = partitionKeys.isEmpty() ? null : new Key(schema, partitionKeys, allocator);
        this.peers = orderKeys.isEmpty() ? null : new Key(schema, orderKeys, allocator);
    }

    /** Fills {@code flags[0..rowCount)} for the rows of {@code b}, the batch after the last one given. */
    void flags(ColumnBatch b, int[] flags) {
        FieldVector[] cols = b.vectors();
        for (int r = 0; r < b.rowCount(); r++) {
            // Both keys are encoded for every row: each comparison needs the previous row's key.
            boolean newPartition = partition != null && partition.changed(cols, r);
            boolean newPeer = peers != null && peers.changed(cols, r);
            if (first) {
                newPartition = true;
                first = false;
            }
            flags[r] = newPartition ? PARTITION | PEER : newPeer ? PEER : 0;
        }
    }

    @Override
    public void close() {
        if (partition != null) {
            partition.close();
        }
        if (peers != null) {
            peers.close();
        }
    }

    /** One key's encoder and the encoded keys of the previous and the current row. */
    private static final class Key {
        private final SortKeyEncoder encoder;
        private final BufferAllocator allocator;
        private ArrowBuf prev;
        private ArrowBuf cur;
        private int prevLength = -1;

        Key(Schema schema, List<SortKey> keys, BufferAllocator allocator) {
            DataType[] types = keys.stream().map(k -> schema.type(k.column())).toArray(DataType[]::new);
            this.encoder = new SortKeyEncoder(keys, types);
            this.allocator = allocator;
        }

        /** Whether row r's key differs from the previous row's (false for the very first row). */
        boolean changed(FieldVector[] cols, int r) {
            cur = SortKeyEncoder.ensure(cur, encoder.maxLength(cols, r), allocator);
            int len = encoder.encodeInto(cols, r, cur);
            boolean changed = prevLength >= 0
                    && SortKeyEncoder.compare(prev.memoryAddress(), prevLength, cur.memoryAddress(), len) != 0;
            ArrowBuf t = prev;
            prev = cur;
            cur = t;
            prevLength = len;
            return changed;
        }

        void close() {
            if (prev != null) {
                prev.close();
            }
            if (cur != null) {
                cur.close();
            }
        }
    }
}
