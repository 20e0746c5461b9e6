package dev.ember.physical.ops;

import dev.ember.physical.expr.Utf8;
import dev.ember.physical.memory.ByteArena;
import dev.ember.physical.memory.LongArray;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Open-addressing hash table from encoded keys to dense ids 0, 1, 2... (in insertion order).
 * A slot holds the key hash's high 32 bits and id+1, so most probes reject a slot without
 * touching the key bytes. Keys live in a byte arena; all memory is Arrow memory.
 */
public final class GroupHashTable implements AutoCloseable {
    private final BufferAllocator allocator;
    private LongArray slots;
    private final LongArray keyRefs;
    private final LongArray hashes;
    private final ByteArena keys;
    private long mask;
    private int size;

    public GroupHashTable(BufferAllocator allocator, int expected) {
        this.allocator = allocator;
        int cap = Integer.highestOneBit(Math.max(64, expected * 2 - 1)) << 1;
        this.slots = new LongArray(allocator, cap);
        this.mask = cap - 1;
        this.keyRefs = new LongArray(allocator, Math.max(16, expected));
        this.hashes = new LongArray(allocator, Math.max(16, expected));
        this.keys = new ByteArena(allocator, 64L * Math.max(16, expected));
    }

    public int size() {
        return size;
    }

    /** The id of the key, inserting it if new; {@code inserted[0]} says which. */
    public int findOrInsert(long hash, long keyAddr, int keyLen, boolean[] inserted) {
        long tag = hash & 0xFFFFFFFF00000000L;
        long pos = (hash ^ (hash >>> 29)) & mask;
        while (true) {
            long s = slots.get(pos);
            if (s == 0) {
                int id = size++;
                slots.set(pos, tag | (id + 1L));
                keyRefs.ensure(size);
                hashes.ensure(size);
                long off = keys.append(keyAddr, keyLen);
                keyRefs.set(id, (off << 24) | keyLen);
                hashes.set(id, hash);
                inserted[0] = true;
                if (size * 2L > mask + 1) {
                    grow();
                }
                return id;
            }
            if ((s & 0xFFFFFFFF00000000L) == tag) {
                int id = (int) (s & 0xFFFFFFFFL) - 1;
                long ref = keyRefs.get(id);
                int len = (int) (ref & 0xFFFFFF);
                if (len == keyLen && Utf8.equals(keys.address() + (ref >>> 24), len, keyAddr, keyLen)) {
                    inserted[0] = false;
                    return id;
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    /** The id of the key, or -1. */
    public int find(long hash, long keyAddr, int keyLen) {
        long tag = hash & 0xFFFFFFFF00000000L;
        long pos = (hash ^ (hash >>> 29)) & mask;
        while (true) {
            long s = slots.get(pos);
            if (s == 0) {
                return -1;
            }
            if ((s & 0xFFFFFFFF00000000L) == tag) {
                int id = (int) (s & 0xFFFFFFFFL) - 1;
                long ref = keyRefs.get(id);
                int len = (int) (ref & 0xFFFFFF);
                if (len == keyLen && Utf8.equals(keys.address() + (ref >>> 24), len, keyAddr, keyLen)) {
                    return id;
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    private void grow() {
        long newCap = (mask + 1) * 2;
        LongArray fresh = new LongArray(allocator, newCap);
        long newMask = newCap - 1;
        for (int id = 0; id < size; id++) {
            long h = hashes.get(id);
            long pos = (h ^ (h >>> 29)) & newMask;
            while (fresh.get(pos) != 0) {
                pos = (pos + 1) & newMask;
            }
            fresh.set(pos, (h & 0xFFFFFFFF00000000L) | (id + 1L));
        }
        slots.close();
        slots = fresh;
        mask = newMask;
    }

    public long memoryBytes() {
        return slots.bytes() + keyRefs.bytes() + hashes.bytes() + keys.bytes();
    }

    @Override
    public void close() {
        slots.close();
        keyRefs.close();
        hashes.close();
        keys.close();
    }
}
