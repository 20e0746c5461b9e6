package dev.ember.physical.ops;

import dev.ember.physical.batch.RowHasher;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Open-addressing hash table from a pair of 64-bit keys to a non-zero value, for joins on two
 * integer-like columns (TPC-H Q9's partsupp join on part and supplier, Q2's on part and supply
 * cost, Q5's on customer and nation). Each slot is 24 bytes, both keys next to the value, so a
 * probe reads one slot and nothing is encoded: the generic path encoded 17 bytes a row, hashed
 * them and compared them with memcmp. Arrow memory.
 */
public final class LongPairKeyTable implements AutoCloseable {
    private static final int SLOT = 24;
    private final BufferAllocator allocator;
    private LongArray slots;
    private long mask;
    private int size;

    public LongPairKeyTable(BufferAllocator allocator, int expected) {
        this.allocator = allocator;
        long cap = Long.highestOneBit(Math.max(64L, expected * 2L - 1)) << 1;
        this.slots = new LongArray(allocator, 3 * cap);
        this.mask = cap - 1;
    }

    private static long hash(long a, long b) {
        return RowHasher.mix(a * 0x9E3779B97F4A7C15L + b);
    }

    /** Stores a non-zero value for (a, b); returns the value it replaces, or 0 if the pair is new. */
    public long exchange(long a, long b, long value) {
        long pos = hash(a, b) & mask;
        long base = slots.address();
        while (true) {
            long s = base + SLOT * pos;
            long old = MemoryUtil.getLong(s + 16);
            if (old == 0) {
                size++;
                MemoryUtil.putLong(s, a);
                MemoryUtil.putLong(s + 8, b);
                MemoryUtil.putLong(s + 16, value);
                if (size * 2L > mask + 1) {
                    grow();
                }
                return 0;
            }
            if (MemoryUtil.getLong(s) == a && MemoryUtil.getLong(s + 8) == b) {
                MemoryUtil.putLong(s + 16, value);
                return old;
            }
            pos = (pos + 1) & mask;
        }
    }

    /** The value stored for (a, b), or 0. */
    public long get(long a, long b) {
        long pos = hash(a, b) & mask;
        long base = slots.address();
        while (true) {
            long s = base + SLOT * pos;
            long v = MemoryUtil.getLong(s + 16);
            if (v == 0 || (MemoryUtil.getLong(s) == a && MemoryUtil.getLong(s + 8) == b)) {
                return v;
            }
            pos = (pos + 1) & mask;
        }
    }

    private void grow() {
        long newCap = (mask + 1) * 2;
        LongArray fresh = new LongArray(allocator, 3 * newCap);
        long newMask = newCap - 1;
        long from = slots.address();
        long to = fresh.address();
        for (long p = 0; p <= mask; p++) {
            long s = from + SLOT * p;
            long v = MemoryUtil.getLong(s + 16);
            if (v != 0) {
                long a = MemoryUtil.getLong(s);
                long b = MemoryUtil.getLong(s + 8);
                long pos = hash(a, b) & newMask;
                while (MemoryUtil.getLong(to + SLOT * pos + 16) != 0) {
                    pos = (pos + 1) & newMask;
                }
                long d = to + SLOT * pos;
                MemoryUtil.putLong(d, a);
                MemoryUtil.putLong(d + 8, b);
                MemoryUtil.putLong(d + 16, v);
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
}
