package dev.ember.physical.ops;

import dev.ember.physical.batch.RowHasher;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Open-addressing hash table from one 64-bit key (BIGINT, INT, DATE, DECIMAL(p&lt;=18),
 * TIMESTAMP) to ids. Each slot is 16 bytes, the key next to id+1, so a probe
 * touches one cache line and no key bytes are encoded. Arrow memory.
 */
public final class LongKeyTable implements AutoCloseable {
    private final BufferAllocator allocator;
    private LongArray slots;
    private long mask;
    private int size;

    public LongKeyTable(BufferAllocator allocator, int expected) {
        this.allocator = allocator;
        long cap = Long.highestOneBit(Math.max(64L, expected * 2L - 1)) << 1;
        this.slots = new LongArray(allocator, 2 * cap);
        this.mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /**
     * The id of the key, or, if it is new, {@code newId} (which it now maps to). Ids are the
     * caller's, so that another group (NULL) can share the id space.
     */
    public int findOrInsert(long key, int newId) {
        long pos = RowHasher.mix(key) & mask;
        long base = slots.address();
        while (true) {
            long a = base + 16 * pos;
            long id1 = MemoryUtil.getLong(a + 8);
            if (id1 == 0) {
                size++;
                MemoryUtil.putLong(a, key);
                MemoryUtil.putLong(a + 8, newId + 1L);
                if (size * 2L > mask + 1) {
                    grow();
                }
                return newId;
            }
            if (MemoryUtil.getLong(a) == key) {
                return (int) id1 - 1;
            }
            pos = (pos + 1) & mask;
        }
    }

    /**
     * Stores a non-zero {@code value} for {@code key} and returns the value it replaces, or 0 if
     * the key is new. A hash join keeps the head of each key's row chain here, in the slot the
     * probe reads anyway, instead of in a second array (one cache miss per probe instead of two).
     */
    public long exchange(long key, long value) {
        long pos = RowHasher.mix(key) & mask;
        long base = slots.address();
        while (true) {
            long a = base + 16 * pos;
            long old = MemoryUtil.getLong(a + 8);
            if (old == 0) {
                size++;
                MemoryUtil.putLong(a, key);
                MemoryUtil.putLong(a + 8, value);
                if (size * 2L > mask + 1) {
                    grow();
                }
                return 0;
            }
            if (MemoryUtil.getLong(a) == key) {
                MemoryUtil.putLong(a + 8, value);
                return old;
            }
            pos = (pos + 1) & mask;
        }
    }

    /** The value {@link #exchange} stored for the key, or 0. */
    public long get(long key) {
        long pos = RowHasher.mix(key) & mask;
        long base = slots.address();
        while (true) {
            long a = base + 16 * pos;
            long v = MemoryUtil.getLong(a + 8);
            if (v == 0 || MemoryUtil.getLong(a) == key) {
                return v;
            }
            pos = (pos + 1) & mask;
        }
    }

    /**
     * {@link #get} for a batch of keys: {@code out[i] = get(keys[i])}. The first probe of every key
     * is one branch-free pass whose loads do not depend on each other, so the CPU keeps many
     * cache misses in flight (a big join table does not fit in cache; one probe after another,
     * each waiting on its miss, was a tenth of TPC-H's time). Keys that collided are finished
     * one by one after.
     */
    public void getAll(long[] keys, int n, long[] out) {
        long base = slots.address();
        long m = mask;
        boolean collided = false;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            long a = base + 16 * (RowHasher.mix(key) & m);
            long v = MemoryUtil.getLong(a + 8);
            boolean done = v == 0 | MemoryUtil.getLong(a) == key;
            out[i] = done ? v : -1;
            collided |= !done;
        }
        if (collided) {
            for (int i = 0; i < n; i++) {
                if (out[i] == -1) {
                    // Continue after the home slot, which the first pass found taken by another key.
                    long key = keys[i];
                    long pos = (RowHasher.mix(key) + 1) & m;
                    while (true) {
                        long a = base + 16 * pos;
                        long v = MemoryUtil.getLong(a + 8);
                        if (v == 0 || MemoryUtil.getLong(a) == key) {
                            out[i] = v;
                            break;
                        }
                        pos = (pos + 1) & m;
                    }
                }
            }
        }
    }

    /** The id of the key, or -1. */
    public int find(long key) {
        long pos = RowHasher.mix(key) & mask;
        long base = slots.address();
        while (true) {
            long a = base + 16 * pos;
            long id1 = MemoryUtil.getLong(a + 8);
            if (id1 == 0) {
                return -1;
            }
            if (MemoryUtil.getLong(a) == key) {
                return (int) id1 - 1;
            }
            pos = (pos + 1) & mask;
        }
    }

    private void grow() {
        long newCap = (mask + 1) * 2;
        LongArray fresh = new LongArray(allocator, 2 * newCap);
        long newMask = newCap - 1;
        long from = slots.address();
        long to = fresh.address();
        for (long p = 0; p <= mask; p++) {
            long id1 = MemoryUtil.getLong(from + 16 * p + 8);
            if (id1 != 0) {
                long key = MemoryUtil.getLong(from + 16 * p);
                long pos = RowHasher.mix(key) & newMask;
                while (MemoryUtil.getLong(to + 16 * pos + 8) != 0) {
                    pos = (pos + 1) & newMask;
                }
                MemoryUtil.putLong(to + 16 * pos, key);
                MemoryUtil.putLong(to + 16 * pos + 8, id1);
            }
        }
        slots.close();
        slots = fresh;
        mask = newMask;
    }

    public long memoryBytes() {
        return slots.bytes();
    }

    @Override
    public void close() {
        slots.close();
    }

    /** True for types whose vectors hold one int or long per value (the keys this table takes). */
    public static boolean supports(dev.ember.columnar.types.DataType t) {
        return switch (t) {
            case dev.ember.columnar.types.DataType.IntType i -> true;
            case dev.ember.columnar.types.DataType.DateType d -> true;
            case dev.ember.columnar.types.DataType.BigIntType b -> true;
            case dev.ember.columnar.types.DataType.TimestampType ts -> true;
            case dev.ember.columnar.types.DataType.DecimalType d -> d.isLong();
            default -> false;
        };
    }

    /** Whether a type's values are 4 bytes wide (read with getInt and widened). */
    public static boolean narrow(dev.ember.columnar.types.DataType t) {
        return t instanceof dev.ember.columnar.types.DataType.IntType || t instanceof dev.ember.columnar.types.DataType.DateType;
    }
}
