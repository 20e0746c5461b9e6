package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.memory.LongArray;
import dev.ember.physical.ops.GroupHashTable;
import dev.ember.physical.ops.KeyEncoder;
import dev.ember.physical.ops.LongKeyTable;
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
    private GroupHashTable table;
    private LongKeyTable longTable;
    private final boolean longKeyed;
    private final boolean narrowKey;
    /** Two integer-like key columns: a {@link dev.ember.physical.ops.LongPairKeyTable}, no encoding. */
    private final boolean pairKeyed;
    private dev.ember.physical.ops.LongPairKeyTable pairTable;
    private final KeyEncoder encoder;
    private LongArray heads;
    private LongArray next;
    private long rows;
    private boolean hasNullKey;
    /** No key occurs twice (a primary key): a probe never follows a chain. */
    private boolean unique = true;
    /**
     * Long keys dense enough (range at most four times the rows) to index an array by {@code key - min}
     * instead of hashing: a "perfect hash" join, one array read per probe (customer, part,
     * supplier and nation keys in TPC-H).
     */
    private boolean direct;
    private long directMin;
    private long directRange;
    /** In front of the hashed tables when it pays ({@link KeyPresence}); null otherwise. */
    private KeyPresence presence;
    /** For a two-column key: which column {@link #presence} covers. */
    private int presenceColumn;
    private BuildColumns columns;

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
        this.longKeyed = keys.length == 1 && LongKeyTable.supports(types[0]);
        this.narrowKey = longKeyed && LongKeyTable.narrow(types[0]);
        this.pairKeyed = keys.length == 2 && LongKeyTable.supports(types[0]) && LongKeyTable.supports(types[1]);
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
            r.columns = new BuildColumns(r.batches, schema.size(), batchSize);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void index() {
        long total = 0;
        for (ColumnBatch b : batches) {
            total += b.rowCount();
        }
        // The build side is complete: size the table for it once instead of growing it.
        int expected = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(16, total));
        next = new LongArray(allocator, Math.max(16, total));
        if (longKeyed) {
            indexLongs(expected);
            return;
        }
        if (pairKeyed) {
            indexPairs(expected);
            return;
        }
        heads = new LongArray(allocator, expected);
        table = new GroupHashTable(allocator, expected, encoder.fixedLength());
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
                unique &= inserted[0];
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

    private void indexLongs(int expected) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long nonNull = 0;
        for (ColumnBatch b : batches) {
            FieldVector v = b.vector(keys[0]);
            long da = v.getDataBuffer().memoryAddress();
            long va = v.getValidityBuffer().memoryAddress();
            boolean allValid = v.getNullCount() == 0;
            for (int i = 0, n = b.rowCount(); i < n; i++) {
                if (allValid || dev.ember.physical.expr.Bits.isSet(va, i)) {
                    long key = key(da, i);
                    min = Math.min(min, key);
                    max = Math.max(max, key);
                    nonNull++;
                }
            }
        }
        long range = max - min + 1;
        // range <= 0 is an overflow (keys spanning most of the long domain): hash them.
        // An array of the range costs 8 bytes a slot; the hash table 16 a slot at 2 to 4 slots a
        // key. So up to 4 slots a key (or 64K slots, 512 KB, whatever the keys) the array is no
        // bigger, and one read per probe with no collisions: 2,000 of 10,000 suppliers (Q5) is one.
        direct = nonNull > 0 && range > 0 && range <= Math.max(1 << 16, 4 * nonNull) && range <= Integer.MAX_VALUE / 2;
        if (direct) {
            directMin = min;
            directRange = range;
            heads = new LongArray(allocator, range);
        } else {
            longTable = new LongKeyTable(allocator, expected);
            presence = KeyPresence.forRange(allocator, nonNull, min, max);
        }
        long base = 0;
        for (ColumnBatch b : batches) {
            int n = b.rowCount();
            FieldVector v = b.vector(keys[0]);
            long da = v.getDataBuffer().memoryAddress();
            long va = v.getValidityBuffer().memoryAddress();
            boolean allValid = v.getNullCount() == 0;
            for (int i = 0; i < n; i++) {
                if (!allValid && !dev.ember.physical.expr.Bits.isSet(va, i)) {
                    hasNullKey = true;
                    continue;
                }
                long key = key(da, i);
                long row = base + i;
                // Chain: head -> newest row -> ... ; 0 means end, rows stored as row+1.
                long prev;
                if (direct) {
                    prev = heads.get(key - directMin);
                    heads.set(key - directMin, row + 1);
                } else {
                    prev = longTable.exchange(key, row + 1);
                    if (presence != null) {
                        presence.add(key);
                    }
                }
                unique &= prev == 0;
                next.set(row, prev);
            }
            base += n;
        }
        rows = base;
    }

    private void indexPairs(int expected) {
        pairTable = new dev.ember.physical.ops.LongPairKeyTable(allocator, expected);
        choosePairPresence();
        long base = 0;
        for (ColumnBatch b : batches) {
            int n = b.rowCount();
            FieldVector v0 = b.vector(keys[0]);
            FieldVector v1 = b.vector(keys[1]);
            boolean narrow0 = narrow(v0);
            boolean narrow1 = narrow(v1);
            long d0 = v0.getDataBuffer().memoryAddress();
            long d1 = v1.getDataBuffer().memoryAddress();
            boolean allValid = v0.getNullCount() == 0 && v1.getNullCount() == 0;
            for (int i = 0; i < n; i++) {
                if (!allValid && (v0.isNull(i) || v1.isNull(i))) {
                    hasNullKey = true;
                    continue;
                }
                long row = base + i;
                long k0 = value(d0, narrow0, i);
                long k1 = value(d1, narrow1, i);
                long prev = pairTable.exchange(k0, k1, row + 1);
                if (presence != null) {
                    presence.add(presenceColumn == 0 ? k0 : k1);
                }
                unique &= prev == 0;
                next.set(row, prev);
            }
            base += n;
        }
        rows = base;
    }

    /**
     * Picks the key column for a pair relation's presence bitmap: the one whose range is smaller
     * next to the rows (fewer bits set per bit, so more misses rejected), if either is worth it.
     */
    private void choosePairPresence() {
        long[] min = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] max = {Long.MIN_VALUE, Long.MIN_VALUE};
        long nonNull = 0;
        for (ColumnBatch b : batches) {
            FieldVector v0 = b.vector(keys[0]);
            FieldVector v1 = b.vector(keys[1]);
            boolean narrow0 = narrow(v0);
            boolean narrow1 = narrow(v1);
            long d0 = v0.getDataBuffer().memoryAddress();
            long d1 = v1.getDataBuffer().memoryAddress();
            boolean allValid = v0.getNullCount() == 0 && v1.getNullCount() == 0;
            for (int i = 0, n = b.rowCount(); i < n; i++) {
                if (allValid || !(v0.isNull(i) || v1.isNull(i))) {
                    long k0 = value(d0, narrow0, i);
                    long k1 = value(d1, narrow1, i);
                    min[0] = Math.min(min[0], k0);
                    max[0] = Math.max(max[0], k0);
                    min[1] = Math.min(min[1], k1);
                    max[1] = Math.max(max[1], k1);
                    nonNull++;
                }
            }
        }
        // Overflowing ranges (max - min + 1 <= 0) are refused by KeyPresence.
        long range0 = max[0] - min[0] + 1;
        long range1 = max[1] - min[1] + 1;
        presenceColumn = KeyPresence.worthIt(nonNull, range1) && (range0 <= 0 || range1 < range0) ? 1 : 0;
        presence = KeyPresence.forRange(allocator, nonNull, min[presenceColumn], max[presenceColumn]);
    }

    /** INT and DATE vectors hold 4 bytes a value; the other integer-like ones 8. */
    private static boolean narrow(FieldVector v) {
        return v instanceof org.apache.arrow.vector.IntVector || v instanceof org.apache.arrow.vector.DateDayVector;
    }

    private static long value(long dataAddress, boolean narrow, int i) {
        return narrow ? org.apache.arrow.memory.util.MemoryUtil.getInt(dataAddress + 4L * i)
                : org.apache.arrow.memory.util.MemoryUtil.getLong(dataAddress + 8L * i);
    }

    /** True when the relation is keyed by two integer-like columns, probed with {@link #probePairs}. */
    public boolean isPairKeyed() {
        return pairKeyed;
    }

    /** {@link #probeLongs} for a two-column key: a NULL in either column matches nothing. */
    public void probePairs(FieldVector v0, FieldVector v1, int n, long[] firstRefs, boolean[] probeNull) {
        boolean narrow0 = narrow(v0);
        boolean narrow1 = narrow(v1);
        long d0 = v0.getDataBuffer().memoryAddress();
        long d1 = v1.getDataBuffer().memoryAddress();
        boolean allValid = v0.getNullCount() == 0 && v1.getNullCount() == 0;
        if (presence != null) {
            long pd = presenceColumn == 0 ? d0 : d1;
            boolean pn = presenceColumn == 0 ? narrow0 : narrow1;
            for (int i = 0; i < n; i++) {
                boolean isNull = !allValid && (v0.isNull(i) || v1.isNull(i));
                probeNull[i] = isNull;
                firstRefs[i] = !isNull && presence.mayContain(value(pd, pn, i))
                        ? pairTable.get(value(d0, narrow0, i), value(d1, narrow1, i)) : 0;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            boolean isNull = !allValid && (v0.isNull(i) || v1.isNull(i));
            probeNull[i] = isNull;
            firstRefs[i] = isNull ? 0 : pairTable.get(value(d0, narrow0, i), value(d1, narrow1, i));
        }
    }

    private long key(long dataAddress, int i) {
        return value(dataAddress, narrowKey, i);
    }

    /**
     * Probes a batch's key column (a long-keyed relation): {@code firstRefs[i]} gets the first
     * matching row (+1) or 0, {@code probeNull[i]} whether the key is NULL (matching nothing).
     */
    public void probeLongs(FieldVector v, int n, long[] keyScratch, int[] rowScratch, long[] firstRefs,
                           boolean[] probeNull) {
        long da = v.getDataBuffer().memoryAddress();
        long va = v.getValidityBuffer().memoryAddress();
        boolean allValid = v.getNullCount() == 0;
        if (direct) {
            for (int i = 0; i < n; i++) {
                long off = key(da, i) - directMin;
                firstRefs[i] = Long.compareUnsigned(off, directRange) < 0 ? heads.get(off) : 0;
            }
        } else if (presence != null) {
            // Keep the keys whose bit is set (branch-free), look those up, scatter the results.
            int m = 0;
            for (int i = 0; i < n; i++) {
                long key = key(da, i);
                keyScratch[m] = key;
                rowScratch[m] = i;
                m += presence.mayContain(key) ? 1 : 0;
            }
            longTable.getAll(keyScratch, m, firstRefs);
            System.arraycopy(firstRefs, 0, keyScratch, 0, m);
            java.util.Arrays.fill(firstRefs, 0, n, 0);
            for (int j = 0; j < m; j++) {
                firstRefs[rowScratch[j]] = keyScratch[j];
            }
        } else {
            for (int i = 0; i < n; i++) {
                keyScratch[i] = key(da, i);
            }
            longTable.getAll(keyScratch, n, firstRefs);
        }
        for (int i = 0; i < n; i++) {
            boolean isNull = !allValid && !dev.ember.physical.expr.Bits.isSet(va, i);
            probeNull[i] = isNull;
            if (isNull) {
                firstRefs[i] = 0;
            }
        }
    }

    /** True when the relation is keyed by one integer-like column, probed with {@link #firstMatchLong}. */
    public boolean isLongKeyed() {
        return longKeyed;
    }

    /** First row (as row+1) whose key is {@code key}, or 0. */
    public long firstMatchLong(long key) {
        if (direct) {
            long off = key - directMin;
            return Long.compareUnsigned(off, directRange) < 0 ? heads.get(off) : 0;
        }
        return longTable.get(key);
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
        return unique ? 0 : next.get(rowPlusOne - 1);
    }

    /** Buffer addresses of the build batches' columns, for gathering joined rows. */
    BuildColumns columns() {
        return columns;
    }

    public long memoryBytes() {
        long b = (table == null ? 0 : table.memoryBytes()) + (longTable == null ? 0 : longTable.memoryBytes())
                + (pairTable == null ? 0 : pairTable.memoryBytes())
                + (heads == null ? 0 : heads.bytes()) + (next == null ? 0 : next.bytes())
                + (presence == null ? 0 : presence.bytes());
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
        if (table != null) {
            table.close();
        }
        if (longTable != null) {
            longTable.close();
        }
        if (pairTable != null) {
            pairTable.close();
            pairTable = null;
        }
        if (heads != null) {
            heads.close();
            heads = null;
        }
        if (next != null) {
            next.close();
            next = null;
        }
        if (presence != null) {
            presence.close();
            presence = null;
        }
        table = null;
        longTable = null;
        encoder.close();
    }
}
