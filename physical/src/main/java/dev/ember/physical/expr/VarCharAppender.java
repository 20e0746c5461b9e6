package dev.ember.physical.expr;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Writes rows 0..n-1 of a fresh variable-width vector in order, growing the data buffer as
 * needed. Rows left out with {@link #appendNull} are NULL and empty.
 */
public final class VarCharAppender {
    private final BaseVariableWidthVector v;
    private int off;
    private int row;

    public VarCharAppender(BaseVariableWidthVector v) {
        this.v = v;
        MemoryUtil.putInt(v.getOffsetBuffer().memoryAddress(), 0);
    }

    private long reserve(int len) {
        while (v.getDataBuffer().capacity() < (long) off + len) {
            v.reallocDataBuffer();
        }
        return v.getDataBuffer().memoryAddress() + off;
    }

    private void ensureRows(int r) {
        while (v.getValueCapacity() <= r) {
            v.reallocValidityAndOffsetBuffers();
        }
    }

    private void finishRow(int r, boolean valid) {
        if (valid) {
            Bits.set(v.getValidityBuffer().memoryAddress(), r);
        }
        MemoryUtil.putInt(v.getOffsetBuffer().memoryAddress() + 4L * (r + 1), off);
        row = r + 1;
    }

    public void appendMemory(int r, long addr, int len) {
        ensureRows(r);
        long dst = reserve(len);
        Utf8.copy(addr, dst, len);
        off += len;
        finishRow(r, true);
    }

    public void appendBytes(int r, byte[] bytes) {
        appendBytes(r, bytes, 0, bytes.length);
    }

    public void appendBytes(int r, byte[] bytes, int from, int len) {
        ensureRows(r);
        long dst = reserve(len);
        if (len > 0) {
            MemoryUtil.copyToMemory(bytes, from, dst, len);
        }
        off += len;
        finishRow(r, true);
    }

    /** Starts a row built from several pieces: call {@link #addMemory} / {@link #addBytes}, then {@link #endRow}. */
    public void addMemory(long addr, int len) {
        long dst = reserve(len);
        Utf8.copy(addr, dst, len);
        off += len;
    }

    public void addBytes(byte[] bytes) {
        long dst = reserve(bytes.length);
        if (bytes.length > 0) {
            MemoryUtil.copyToMemory(bytes, 0, dst, bytes.length);
        }
        off += bytes.length;
    }

    public void endRow(int r) {
        ensureRows(r);
        finishRow(r, true);
    }

    public void appendNull(int r) {
        ensureRows(r);
        finishRow(r, false);
    }

    public void finish(int n) {
        for (int r = row; r < n; r++) {
            appendNull(r);
        }
        v.setLastSet(n - 1);
        v.setValueCount(n);
    }
}
