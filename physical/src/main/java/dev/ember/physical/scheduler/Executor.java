package dev.ember.physical.scheduler;

import dev.ember.physical.rdd.PartitionStorage;
import dev.ember.physical.shuffle.ShuffleStore;
import org.apache.arrow.memory.BufferAllocator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local executor: task slots (threads) and its own stores. Its shuffle outputs and cached
 * blocks live in memory owned by it, so losing it loses exactly them.
 */
public final class Executor implements AutoCloseable {
    private final int id;
    private final BufferAllocator allocator;
    private final ShuffleStore shuffleStore;
    private final ExecutorService slots;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile PartitionStorage storage = PartitionStorage.NONE;

    public Executor(int id, int cores, BufferAllocator parent) {
        this.id = id;
        this.allocator = parent.newChildAllocator("executor-" + id, 0, Long.MAX_VALUE);
        this.shuffleStore = new ShuffleStore(allocator);
        AtomicInteger n = new AtomicInteger();
        this.slots = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "executor-" + id + "-task-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    public int id() {
        return id;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public ShuffleStore shuffleStore() {
        return shuffleStore;
    }

    public PartitionStorage storage() {
        return storage;
    }

    public void setStorage(PartitionStorage storage) {
        this.storage = storage;
    }

    ExecutorService slots() {
        return slots;
    }

    AtomicInteger queued() {
        return queued;
    }

    @Override
    public void close() {
        slots.shutdownNow();
        shuffleStore.clear();
        if (storage instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Best effort on shutdown.
            }
        }
        allocator.close();
    }

    @Override
    public String toString() {
        return "executor-" + id;
    }
}
