package dev.ember.physical.ops;

import dev.ember.physical.expr.Utf8;
import dev.ember.physical.memory.ByteArena;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Open-addressing hash table from encoded keys to dense ids 0, 1, 2... (in insertion order).
 * A slot holds the key hash's high 32 bits and id+1, so most probes reject a slot without
 * touching the key bytes. When every key has the same length (all key columns fixed-width),
 * key i is stored inline at {@code i * length}: one memory access to compare instead of two.
 * All memory is Arrow memory.
 */
public final class GroupHashTable implements AutoCloseable {
    private static final long TAG = 0xFFFFFFFF00000000L;

    private final BufferAllocator allocator;
    private final int fixedLength;
    private LongArray slots;
    private final LongArray keyRefs;
    private final LongArray hashes;
    private final ByteArena keys;
    private long mask;
    private int size;

    /**
     * @param expected    keys expected (the table is sized for them up front)
     * @param fixedLength the length of every key, or -1 when lengths vary
     */
    public GroupHashTable(BufferAllocator allocator, int expected, int fixedLength) {
        this.allocator = allocator;
        this.fixedLength = fixedLength;
        long cap = Long.highestOneBit(Math.max(64L, expected * 2L - 1)) << 1;
        this.slots = new LongArray(allocator, cap);
        this.mask = cap - 1;
        this.keyRefs = fixedLength < 0 ? new LongArray(allocator, Math.max(16, expected)) : null;
        this.hashes = new LongArray(allocator, Math.max(16, expected));
        this.keys = new ByteArena(allocator, (long) Math.max(16, expected) * (fixedLength < 0 ? 32 : fixedLength));
    }

    public GroupHashTable(BufferAllocator allocator, int expected) {
        this(allocator, expected, -1);
    }

    public int size() {
        return size;
    }

    private static long position(long hash, long mask) {
        return (hash ^ (hash >>> 29)) & mask;
    }

    private boolean keyEquals(int id, long keyAddr, int keyLen) {
        if (fixedLength >= 0) {
            return keyLen == fixedLength && Utf8.equals(keys.address() + (long) id * fixedLength, fixedLength, keyAddr, keyLen);
        }
        long ref = keyRefs.get(id);
        int len = (int) (ref & 0xFFFFFF);
        return len == keyLen && Utf8.equals(keys.address() + (ref >>> 24), len, keyAddr, keyLen);
    }

    /** The id of the key, inserting it if new; {@code inserted[0]} says which. */
    public int findOrInsert(long hash, long keyAddr, int keyLen, boolean[] inserted) {
        long tag = hash & TAG;
        long pos = position(hash, mask);
        long base = slots.address();
        while (true) {
            long s = MemoryUtil.getLong(base + 8 * pos);
            if (s == 0) {
                int id = insert(pos, tag, hash, keyAddr, keyLen);
                inserted[0] = true;
                return id;
            }
            if ((s & TAG) == tag) {
                int id = (int) s - 1;
                if (keyEquals(id, keyAddr, keyLen)) {
                    inserted[0] = false;
                    return id;
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    private int insert(long pos, long tag, long hash, long keyAddr, int keyLen) {
        int id = size++;
        slots.set(pos, tag | (id + 1L));
        hashes.ensure(size);
        hashes.set(id, hash);
        long off = keys.append(keyAddr, keyLen);
        if (keyRefs != null) {
            keyRefs.ensure(size);
            keyRefs.set(id, (off << 24) | keyLen);
        }
        if (size * 2L > mask + 1) {
            grow();
        }
        return id;
    }

    /** The id of the key, or -1. */
    public int find(long hash, long keyAddr, int keyLen) {
        long tag = hash & TAG;
        long pos = position(hash, mask);
        long base = slots.address();
        while (true) {
            long s = MemoryUtil.getLong(base + 8 * pos);
            if (s == 0) {
                return -1;
            }
            if ((s & TAG) == tag && keyEquals((int) s - 1, keyAddr, keyLen)) {
                return (int) s - 1;
            }
            pos = (pos + 1) & mask;
        }
    }

    private void grow() {
        long newCap = (mask + 1) * 2;
        LongArray fresh = new LongArray(allocator, newCap);
        long newMask = newCap - 1;
        long base = fresh.address();
        for (int id = 0; id < size; id++) {
            long h = hashes.get(id);
            long pos = position(h, newMask);
            while (MemoryUtil.getLong(base + 8 * pos) != 0) {
                pos = (pos + 1) & newMask;
            }
            MemoryUtil.putLong(base + 8 * pos, (h & TAG) | (id + 1L));
        }
        slots.close();
        slots = fresh;
        mask = newMask;
    }

    public long memoryBytes() {
        return slots.bytes() + (keyRefs == null ? 0 : keyRefs.bytes()) + hashes.bytes() + keys.bytes();
    }

    @Override
    public void close() {
        slots.close();
        if (keyRefs != null) {
            keyRefs.close();
        }
        hashes.close();
        keys.close();
    }
}
