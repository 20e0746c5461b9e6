package dev.ember.physical.memory;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A growable array of longs in Arrow memory, zero-filled, so that hash tables and aggregation
 * states count against the memory limit like every vector does.
 */
public final class LongArray implements AutoCloseable {
    private final BufferAllocator allocator;
    private ArrowBuf buf;
    private long addr;
    private long capacity;

    public LongArray(BufferAllocator allocator, long initialCapacity) {
        this.allocator = allocator;
        allocate(Math.max(16, initialCapacity));
    }

    private void allocate(long cap) {
        ArrowBuf nb = allocator.buffer(cap * 8);
        nb.setZero(0, cap * 8);
        if (buf != null) {
            MemoryUtil.copyMemory(addr, nb.memoryAddress(), capacity * 8);
            buf.close();
        }
        buf = nb;
        addr = nb.memoryAddress();
        capacity = cap;
    }

    /** Makes room for indices [0, n), doubling. */
    public void ensure(long n) {
        if (n > capacity) {
            long cap = capacity;
            while (cap < n) {
                cap *= 2;
            }
            allocate(cap);
        }
    }

    public long get(long i) {
        return MemoryUtil.getLong(addr + 8 * i);
    }

    public void set(long i, long v) {
        MemoryUtil.putLong(addr + 8 * i, v);
    }

    public void add(long i, long v) {
        long a = addr + 8 * i;
        MemoryUtil.putLong(a, MemoryUtil.getLong(a) + v);
    }

    public double getDouble(long i) {
        return Double.longBitsToDouble(get(i));
    }

    public void setDouble(long i, double v) {
        set(i, Double.doubleToRawLongBits(v));
    }

    public long capacity() {
        return capacity;
    }

    public long address() {
        return addr;
    }

    public long bytes() {
        return capacity * 8;
    }

    /** Zeroes indices [0, n). */
    public void clear(long n) {
        buf.setZero(0, Math.min(n, capacity) * 8);
    }

    @Override
    public void close() {
        if (buf != null) {
            buf.close();
            buf = null;
        }
    }
}
