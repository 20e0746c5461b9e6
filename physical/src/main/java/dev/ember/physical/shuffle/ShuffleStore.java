package dev.ember.physical.shuffle;

import dev.ember.columnar.ColumnBatch;
import org.apache.arrow.memory.BufferAllocator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An executor's shuffle outputs, by (shuffle, map task). Losing the executor loses them: the
 * scheduler then re-runs only the map tasks whose outputs were here.
 */
public final class ShuffleStore {
    private record Key(int shuffleId, int mapId) {
    }

    private final BufferAllocator allocator;
    private final Map<Key, ShuffleBlock[]> outputs = new ConcurrentHashMap<>();
    private final java.util.Set<Integer> removed = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong memoryBytes = new java.util.concurrent.atomic.AtomicLong();

    public ShuffleStore(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** The allocator that owns stored shuffle batches (they outlive the map task). */
    public BufferAllocator allocator() {
        return allocator;
    }

    public void put(int shuffleId, int mapId, ShuffleBlock[] blocks) {
        if (removed.contains(shuffleId)) {
            // A straggler of a query that already ended (failed or cancelled): nobody will read it.
            memoryBytes.addAndGet(inMemory(blocks));
            free(blocks);
            return;
        }
        memoryBytes.addAndGet(inMemory(blocks));
        ShuffleBlock[] old = outputs.put(new Key(shuffleId, mapId), blocks);
        if (old != null) {
            free(old);
        }
    }

    /** Block {@code reduceId} of a map output, or null if this store does not have it. */
    public ShuffleBlock get(int shuffleId, int mapId, int reduceId) {
        ShuffleBlock[] blocks = outputs.get(new Key(shuffleId, mapId));
        return blocks == null ? null : blocks[reduceId];
    }

    public boolean has(int shuffleId, int mapId) {
        return outputs.containsKey(new Key(shuffleId, mapId));
    }

    /** Drops every output of a shuffle (the query that needed it is done). */
    public void removeShuffle(int shuffleId) {
        removed.add(shuffleId);
        outputs.entrySet().removeIf(e -> {
            if (e.getKey().shuffleId() == shuffleId) {
                free(e.getValue());
                return true;
            }
            return false;
        });
    }

    /** Drops everything (the executor was lost). */
    public void clear() {
        outputs.values().forEach(this::free);
        outputs.clear();
    }

    public long bytesStored() {
        long t = 0;
        for (ShuffleBlock[] bs : outputs.values()) {
            for (ShuffleBlock b : bs) {
                t += b.bytes();
            }
        }
        return t;
    }

    /** Bytes of shuffle output this store holds in memory (not counting what was spilled to disk). */
    public long memoryBytes() {
        return memoryBytes.get();
    }

    private static long inMemory(ShuffleBlock[] blocks) {
        long t = 0;
        for (ShuffleBlock b : blocks) {
            for (Object o : b.items()) {
                if (o instanceof ColumnBatch cb) {
                    t += cb.sizeInBytes();
                }
            }
        }
        return t;
    }

    private void free(ShuffleBlock[] blocks) {
        memoryBytes.addAndGet(-inMemory(blocks));
        for (ShuffleBlock b : blocks) {
            for (Object o : b.items()) {
                if (o instanceof ColumnBatch cb) {
                    cb.close();
                } else if (o instanceof dev.ember.physical.spill.SpillFile f) {
                    f.delete();
                }
            }
        }
    }
}
