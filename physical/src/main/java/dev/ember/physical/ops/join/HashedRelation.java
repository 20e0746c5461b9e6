package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.memory.LongArray;
import dev.ember.physical.ops.GroupHashTable;
import dev.ember.physical.ops.KeyEncoder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The build side of a hash join: its rows copied into batches of {@code batchSize} rows (row
 * {@code r} is row {@code r % batchSize} of batch {@code r / batchSize}), and a table from each
 * distinct non-NULL key to the chain of rows holding it. Read-only once built, so one
 * broadcast relation serves every task of a query.
 */
public final class HashedRelation implements AutoCloseable {
    private final Schema schema;
    private final int[] keys;
    private final int batchSize;
    private final BufferAllocator allocator;
    private final List<ColumnBatch> batches = new ArrayList<>();
    private final GroupHashTable table;
    private final KeyEncoder encoder;
    private final LongArray heads;
    private final LongArray next;
    private long rows;
    private boolean hasNullKey;

    private HashedRelation(Schema schema, int[] keys, BufferAllocator allocator, int batchSize) {
        this.schema = schema;
        this.keys = keys;
        this.batchSize = batchSize;
        this.allocator = allocator;
        DataType[] types = new DataType[keys.length];
        for (int i = 0; i < keys.length; i++) {
            types[i] = schema.type(keys[i]);
        }
        this.encoder = new KeyEncoder(types, allocator);
        this.table = new GroupHashTable(allocator, 1024);
        this.heads = new LongArray(allocator, 1024);
        this.next = new LongArray(allocator, 1024);
    }

    /** Builds from (borrowed) batches; the rows are copied into {@code allocator}'s memory. */
    public static HashedRelation build(Iterator<ColumnBatch> input, Schema schema, int[] keys,
                                       BufferAllocator allocator, int batchSize) {
        HashedRelation r = new HashedRelation(schema, keys, allocator, batchSize);
        try {
            try (BatchAppender appender = new BatchAppender(schema, allocator, batchSize)) {
                while (input.hasNext()) {
                    ColumnBatch b = input.next();
                    if (b.rowCount() > 0) {
                        appender.append(b, null, 0, b.rowCount());
                        r.batches.addAll(appender.takeReady());
                    }
                }
                r.batches.addAll(appender.finish());
            }
            r.index();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void index() {
        boolean[] inserted = new boolean[1];
        FieldVector[] kv = new FieldVector[keys.length];
        long base = 0;
        for (ColumnBatch b : batches) {
            int n = b.rowCount();
            for (int k = 0; k < keys.length; k++) {
                kv[k] = b.vector(keys[k]);
            }
            encoder.encode(kv, n);
            next.ensure(base + n);
            for (int i = 0; i < n; i++) {
                if (encoder.anyNull(i)) {
                    hasNullKey = true;
                    continue;
                }
                int g = table.findOrInsert(encoder.hash(i), encoder.address(i), encoder.length(i), inserted);
                heads.ensure(g + 1L);
                long row = base + i;
                // Chain: head -> newest row -> ... ; 0 means end, rows stored as row+1.
                next.set(row, heads.get(g));
                heads.set(g, row + 1);
            }
            base += n;
        }
        rows = base;
    }

    public Schema schema() {
        return schema;
    }

    public long rowCount() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** True if some build row has a NULL in a key column (NOT IN then matches nothing). */
    public boolean hasNullKey() {
        return hasNullKey;
    }

    public int batchSize() {
        return batchSize;
    }

    public List<ColumnBatch> batches() {
        return batches;
    }

    /** First row (as row+1) with this encoded key, or 0. */
    public long firstMatch(long hash, long keyAddr, int keyLen) {
        int g = table.find(hash, keyAddr, keyLen);
        return g < 0 ? 0 : heads.get(g);
    }

    /** Next row (as row+1) after {@code rowPlusOne} in its chain, or 0. */
    public long nextMatch(long rowPlusOne) {
        return next.get(rowPlusOne - 1);
    }

    public long memoryBytes() {
        long b = table.memoryBytes() + heads.bytes() + next.bytes();
        for (ColumnBatch c : batches) {
            b += c.sizeInBytes();
        }
        return b;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        batches.forEach(ColumnBatch::close);
        batches.clear();
        table.close();
        encoder.close();
        heads.close();
        next.close();
    }
}
