package dev.ember.physical.memory;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/** Append-only bytes in Arrow memory (encoded keys of a hash table). Offsets stay valid; addresses move on growth. */
public final class ByteArena implements AutoCloseable {
    private final BufferAllocator allocator;
    private ArrowBuf buf;
    private long addr;
    private long capacity;
    private long size;

    public ByteArena(BufferAllocator allocator, long initialCapacity) {
        this.allocator = allocator;
        this.capacity = Math.max(1024, initialCapacity);
        this.buf = allocator.buffer(capacity);
        this.addr = buf.memoryAddress();
    }

    /** Copies {@code len} bytes from {@code src} and returns their offset. */
    public long append(long src, int len) {
        if (size + len > capacity) {
            long cap = capacity;
            while (cap < size + len) {
                cap *= 2;
            }
            ArrowBuf nb = allocator.buffer(cap);
            MemoryUtil.copyMemory(addr, nb.memoryAddress(), size);
            buf.close();
            buf = nb;
            addr = nb.memoryAddress();
            capacity = cap;
        }
        long off = size;
        MemoryUtil.copyMemory(src, addr + off, len);
        size += len;
        return off;
    }

    public long address() {
        return addr;
    }

    public long size() {
        return size;
    }

    public long bytes() {
        return capacity;
    }

    public void reset() {
        size = 0;
    }

    @Override
    public void close() {
        if (buf != null) {
            buf.close();
            buf = null;
        }
    }
}
