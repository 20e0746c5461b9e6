package dev.ember.physical.storage;

import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.RddBlockHolder;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.storage.BlockManager.Block;
import dev.ember.physical.storage.BlockManager.DiskBlock;
import dev.ember.physical.storage.BlockManager.MemoryBlock;
import org.apache.arrow.memory.BufferAllocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The driver's view of every executor's block manager: where each cached partition is, the
 * storage memory budget (a fraction of {@code ember.memory.limit}) and least-recently-used
 * eviction across all executors. Under pressure, from a new block or from execution failing to
 * allocate, the oldest unpinned blocks go first: spilled to disk when their level allows it,
 * dropped otherwise (recomputed from lineage on next use). One lock guards all block state:
 * operations are short next to the tasks that cause them.
 */
public final class BlockManagerMaster implements RddBlockHolder {
    private final List<BlockManager> managers = new ArrayList<>();
    private final LongSupplier budget;
    private final Path root;
    private long memoryUsed;
    private long tick;
    private final AtomicLong evictedToDisk = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param budget the bytes cached blocks may hold in memory (read on every put, so a changed
     *               memory limit applies at once)
     */
    public BlockManagerMaster(LongSupplier budget) {
        this.budget = budget;
        try {
            this.root = Files.createTempDirectory("ember-blocks-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the block directory", e);
        }
    }

    /** Creates the block manager of a new executor. */
    public synchronized BlockManager register(int executorId, BufferAllocator executorAllocator) {
        BlockManager bm = new BlockManager(executorId, executorAllocator, root.resolve("executor-" + executorId), this);
        managers.add(bm);
        return bm;
    }

    public synchronized long memoryUsed() {
        return memoryUsed;
    }

    public long storageBudget() {
        return budget.getAsLong();
    }

    /** Blocks spilled to disk by eviction so far. */
    public long evictedToDisk() {
        return evictedToDisk.get();
    }

    /** Blocks dropped by eviction so far (recomputed on next use). */
    public long dropped() {
        return dropped.get();
    }

    // ---------------------------------------------------------------- reads and writes

    /** The stored partition, from this executor or any other (all share the process), or null. */
    synchronized CloseableIterator<Object> read(RddBlockId id, BlockManager local, TaskContext ctx) {
        Block b = local.blocks.get(id);
        if (b == null) {
            for (BlockManager m : managers) {
                b = m.blocks.get(id);
                if (b != null) {
                    break;
                }
            }
        }
        return switch (b) {
            case null -> null;
            case MemoryBlock m -> pinned(m);
            case DiskBlock d -> {
                @SuppressWarnings("unchecked")
                CloseableIterator<Object> it = (CloseableIterator<Object>) (CloseableIterator<?>) BlockFiles.read(d.file(), ctx.allocator());
                yield it;
            }
        };
    }

    private CloseableIterator<Object> pinned(MemoryBlock m) {
        m.pins++;
        m.lastUse = ++tick;
        boolean[] closed = {false};
        return CloseableIterator.of(m.items.iterator(), () -> {
            synchronized (this) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
                m.pins--;
                if (m.removed && m.pins == 0) {
                    m.free();
                }
            }
        });
    }

    /**
     * Keeps a computed partition in memory when the budget allows (evicting older blocks), on
     * disk when it does not and the level allows disk, or nowhere (MEMORY_ONLY that does not
     * fit: the task still gets its data, and the partition stays missing). Returns the data.
     */
    synchronized CloseableIterator<Object> putMemory(BlockManager bm, RddBlockId id, Rdd<?> rdd, MemoryBlock block,
                                                     TaskContext ctx) {
        if (bm.blocks.containsKey(id) || rdd.storageLevel() == dev.ember.physical.rdd.StorageLevel.NONE) {
            // Another task stored it meanwhile, or the Rdd was unpersisted: serve ours, keep theirs.
            return transientBlock(block);
        }
        if (reserve(block.bytes)) {
            memoryUsed += block.bytes;
            block.lastUse = ++tick;
            bm.blocks.put(id, block);
            rdd.storedIn(this);
            return pinned(block);
        }
        if (block.level.useDisk() && block.columnar()) {
            BlockFiles.Written w = BlockFiles.write(bm.fileFor(id), block.items.iterator(), bm.allocator());
            bm.blocks.put(id, new DiskBlock(w));
            rdd.storedIn(this);
            return transientBlock(block);
        }
        return transientBlock(block);
    }

    synchronized void putDisk(BlockManager bm, RddBlockId id, Rdd<?> rdd, BlockFiles.Written w) {
        Block old = bm.blocks.put(id, new DiskBlock(w));
        if (old instanceof MemoryBlock m) {
            release(m);
        }
        rdd.storedIn(this);
    }

    /** A block nobody keeps: freed when its one reader is done. */
    private static CloseableIterator<Object> transientBlock(MemoryBlock block) {
        boolean[] closed = {false};
        return CloseableIterator.of(block.items.iterator(), () -> {
            if (!closed[0]) {
                closed[0] = true;
                block.free();
            }
        });
    }

    // ---------------------------------------------------------------- eviction

    /** Makes room for {@code bytes} within the budget; false when pinned blocks leave too little. */
    private boolean reserve(long bytes) {
        long limit = budget.getAsLong();
        if (bytes > limit) {
            return false;
        }
        while (memoryUsed + bytes > limit) {
            if (!evictOldest()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Execution could not allocate {@code bytes}: evicts least recently used blocks until that
     * much is freed. Returns whether anything was freed (the allocation is then retried).
     */
    public synchronized boolean freeForExecution(long bytes) {
        long before = memoryUsed;
        while (before - memoryUsed < bytes) {
            if (!evictOldest()) {
                break;
            }
        }
        return memoryUsed < before;
    }

    private boolean evictOldest() {
        BlockManager owner = null;
        Map.Entry<RddBlockId, MemoryBlock> oldest = null;
        for (BlockManager bm : managers) {
            for (Map.Entry<RddBlockId, MemoryBlock> e : bm.memoryBlocksByAge()) {
                if (e.getValue().pins > 0) {
                    continue;
                }
                if (oldest == null || e.getValue().lastUse < oldest.getValue().lastUse) {
                    oldest = e;
                    owner = bm;
                }
                break;
            }
        }
        if (oldest == null) {
            return false;
        }
        RddBlockId id = oldest.getKey();
        MemoryBlock m = oldest.getValue();
        if (m.level.useDisk() && m.columnar()) {
            try {
                BlockFiles.Written w = BlockFiles.write(owner.fileFor(id), m.items.iterator(), owner.allocator());
                owner.blocks.put(id, new DiskBlock(w));
                evictedToDisk.incrementAndGet();
            } catch (RuntimeException e) {
                // No disk: dropping is still correct, the partition is recomputed from lineage.
                owner.blocks.remove(id);
                dropped.incrementAndGet();
            }
        } else {
            owner.blocks.remove(id);
            dropped.incrementAndGet();
        }
        release(m);
        return true;
    }

    private void release(MemoryBlock m) {
        memoryUsed -= m.bytes;
        m.removed = true;
        if (m.pins == 0) {
            m.free();
        }
    }

    private void discard(BlockManager bm, RddBlockId id, Block b) {
        switch (b) {
            case MemoryBlock m -> release(m);
            case DiskBlock d -> d.file().file().toFile().delete();
        }
    }

    // ---------------------------------------------------------------- removal and status

    @Override
    public synchronized void removeRdd(int rddId) {
        for (BlockManager bm : managers) {
            bm.blocks.entrySet().removeIf(e -> {
                if (e.getKey().rddId() == rddId) {
                    discard(bm, e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
        }
    }

    /** Drops one stored partition wherever it is (fault injection). Returns whether it was stored. */
    public synchronized boolean dropBlock(RddBlockId id) {
        boolean found = false;
        for (BlockManager bm : managers) {
            Block b = bm.blocks.remove(id);
            if (b != null) {
                discard(bm, id, b);
                found = true;
            }
        }
        return found;
    }

    /** Loses every block of one executor (fault injection, or the executor died). Returns how many. */
    public synchronized int loseExecutor(int executorId) {
        int n = 0;
        for (BlockManager bm : managers) {
            if (bm.executorId() == executorId) {
                for (Map.Entry<RddBlockId, Block> e : new ArrayList<>(bm.blocks.entrySet())) {
                    discard(bm, e.getKey(), e.getValue());
                    n++;
                }
                bm.blocks.clear();
            }
        }
        return n;
    }

    synchronized void executorClosed(BlockManager bm) {
        for (Map.Entry<RddBlockId, Block> e : bm.blocks.entrySet()) {
            discard(bm, e.getKey(), e.getValue());
        }
        bm.blocks.clear();
        managers.remove(bm);
        if (managers.isEmpty()) {
            root.toFile().delete();
        }
    }

    /** Executors holding partition {@code partition} of Rdd {@code rddId}, memory first. */
    public synchronized List<Integer> locations(int rddId, int partition) {
        RddBlockId id = new RddBlockId(rddId, partition);
        List<Integer> mem = new ArrayList<>();
        List<Integer> disk = new ArrayList<>();
        for (BlockManager bm : managers) {
            Block b = bm.blocks.get(id);
            if (b instanceof MemoryBlock) {
                mem.add(bm.executorId());
            } else if (b instanceof DiskBlock) {
                disk.add(bm.executorId());
            }
        }
        mem.addAll(disk);
        return mem;
    }

    public synchronized boolean isStored(int rddId, int partition) {
        RddBlockId id = new RddBlockId(rddId, partition);
        for (BlockManager bm : managers) {
            if (bm.blocks.containsKey(id)) {
                return true;
            }
        }
        return false;
    }

    public synchronized CacheStatus status(Rdd<?> rdd) {
        int mem = 0;
        int disk = 0;
        long memBytes = 0;
        long diskBytes = 0;
        for (int p = 0; p < rdd.numPartitions(); p++) {
            RddBlockId id = new RddBlockId(rdd.id(), p);
            boolean inMem = false;
            boolean onDisk = false;
            for (BlockManager bm : managers) {
                Block b = bm.blocks.get(id);
                if (b instanceof MemoryBlock m && !inMem) {
                    inMem = true;
                    memBytes += m.bytes;
                } else if (b instanceof DiskBlock d && !onDisk) {
                    onDisk = true;
                    diskBytes += d.bytes();
                }
            }
            if (inMem) {
                mem++;
            } else if (onDisk) {
                disk++;
            }
        }
        return new CacheStatus(rdd.numPartitions(), mem, disk, memBytes, diskBytes);
    }
}
