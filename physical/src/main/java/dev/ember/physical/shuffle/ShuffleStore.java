package dev.ember.physical.shuffle;

import dev.ember.columnar.ColumnBatch;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;
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
            free(blocks);
            return;
        }
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

    /** Drops one map output (a speculative copy's, when the other copy's output was kept). */
    public void remove(int shuffleId, int mapId) {
        ShuffleBlock[] old = outputs.remove(new Key(shuffleId, mapId));
        if (old != null) {
            free(old);
        }
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
        outputs.values().forEach(ShuffleStore::free);
        outputs.clear();
    }

    /**
     * Forgets every output without freeing it (the executor was lost while tasks may still be
     * reading blocks they fetched); the caller frees the returned blocks once those tasks end.
     */
    public List<ShuffleBlock[]> detachAll() {
        List<ShuffleBlock[]> out = new ArrayList<>(outputs.values());
        outputs.clear();
        return out;
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

    public static void free(ShuffleBlock[] blocks) {
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
