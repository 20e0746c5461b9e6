package dev.ember.physical.storage;

import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.rdd.CheckpointData;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.PartitionStorage;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.memory.BufferAllocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One executor's store of cached partitions: Arrow batches in memory (in this executor's
 * allocator, so they count against {@code ember.memory.limit}) or Arrow IPC files in the
 * executor's directory. Every read of a partition goes through {@link #iterator}: checkpointed
 * Rdds read their files, persisted ones read the stored block or compute and store it, others
 * just compute. Losing the executor loses exactly these blocks. All bookkeeping is guarded by
 * the cluster's {@link BlockManagerMaster}, which owns the memory budget and LRU order.
 */
public final class BlockManager implements PartitionStorage, AutoCloseable {

    /** A stored partition. */
    sealed interface Block permits MemoryBlock, DiskBlock {
        long bytes();
    }

    /** Batches (or records) held in memory; readers pin it so eviction leaves it alone. */
    static final class MemoryBlock implements Block {
        final List<Object> items;
        final long bytes;
        final StorageLevel level;
        int pins;
        long lastUse;
        boolean removed;

        MemoryBlock(List<Object> items, long bytes, StorageLevel level) {
            this.items = items;
            this.bytes = bytes;
            this.level = level;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        boolean columnar() {
            return items.stream().allMatch(o -> o instanceof ColumnBatch);
        }

        void free() {
            for (Object o : items) {
                if (o instanceof ColumnBatch b) {
                    b.close();
                }
            }
        }
    }

    /** A partition spilled or written to an Arrow IPC file. */
    record DiskBlock(BlockFiles.Written file) implements Block {
        @Override
        public long bytes() {
            return file.bytes();
        }
    }

    /** Bytes charged for a stored non-columnar record (typed Rdds), since its real size is unknown. */
    static final long RECORD_BYTES = 64;

    private final int executorId;
    private final BufferAllocator allocator;
    private final Path dir;
    private final BlockManagerMaster master;
    final Map<RddBlockId, Block> blocks = new HashMap<>();

    BlockManager(int executorId, BufferAllocator executorAllocator, Path dir, BlockManagerMaster master) {
        this.executorId = executorId;
        this.allocator = executorAllocator.newChildAllocator("block-manager-" + executorId, 0, Long.MAX_VALUE);
        this.dir = dir;
        this.master = master;
    }

    public int executorId() {
        return executorId;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    Path fileFor(RddBlockId id) {
        return dir.resolve(id + ".arrow");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CloseableIterator<T> iterator(Rdd<T> rdd, int partition, TaskContext ctx) {
        if (rdd.checkpointData() instanceof CheckpointData.Written w) {
            ctx.metrics().checkpointPartitionsRead++;
            return (CloseableIterator<T>) (CloseableIterator<?>) BlockFiles.read(w.files().get(partition), ctx.allocator());
        }
        StorageLevel level = rdd.storageLevel();
        if (level == StorageLevel.NONE) {
            return rdd.computeDirect(partition, ctx);
        }
        RddBlockId id = new RddBlockId(rdd.id(), partition);
        CloseableIterator<Object> hit = master.read(id, this, ctx);
        if (hit != null) {
            ctx.metrics().cachedPartitionsRead++;
            return (CloseableIterator<T>) hit;
        }
        ctx.metrics().cachedPartitionsComputed++;
        if (level == StorageLevel.DISK_ONLY) {
            BlockFiles.Written w;
            try (CloseableIterator<T> it = rdd.computeDirect(partition, ctx)) {
                w = BlockFiles.write(fileFor(id), it, ctx.allocator());
            }
            master.putDisk(this, id, rdd, w);
            return (CloseableIterator<T>) (CloseableIterator<?>) BlockFiles.read(w, ctx.allocator());
        }
        List<Object> items = new ArrayList<>();
        long bytes = 0;
        try (CloseableIterator<T> it = rdd.computeDirect(partition, ctx)) {
            while (it.hasNext()) {
                Object o = it.next();
                if (o instanceof ColumnBatch b) {
                    // Input batches are borrowed: keep a compact copy owned by this store.
                    ColumnBatch c = b.copy(allocator);
                    items.add(c);
                    bytes += c.sizeInBytes();
                } else {
                    items.add(o);
                    bytes += RECORD_BYTES;
                }
            }
        } catch (RuntimeException | Error e) {
            new MemoryBlock(items, bytes, level).free();
            throw e;
        }
        return (CloseableIterator<T>) master.putMemory(this, id, rdd, new MemoryBlock(items, bytes, level), ctx);
    }

    /** Frees every block (the executor was lost or is shutting down). Caller holds the master's lock. */
    List<Block> removeAll() {
        List<Block> out = new ArrayList<>(blocks.values());
        blocks.clear();
        return out;
    }

    @Override
    public void close() {
        master.executorClosed(this);
        allocator.close();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // The directory was never created or is already gone.
        }
        dir.toFile().delete();
    }

    /** Memory blocks, least recently used first (eviction order). Caller holds the master's lock. */
    List<Map.Entry<RddBlockId, MemoryBlock>> memoryBlocksByAge() {
        List<Map.Entry<RddBlockId, MemoryBlock>> out = new ArrayList<>();
        for (Map.Entry<RddBlockId, Block> e : blocks.entrySet()) {
            if (e.getValue() instanceof MemoryBlock m) {
                out.add(Map.entry(e.getKey(), m));
            }
        }
        out.sort(Comparator.comparingLong(e -> e.getValue().lastUse));
        return out;
    }

    @Override
    public String toString() {
        return "BlockManager(executor-" + executorId + ")";
    }
}
