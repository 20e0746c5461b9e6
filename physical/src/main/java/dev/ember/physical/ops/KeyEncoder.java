package dev.ember.physical.ops;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.Utf8;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Encodes the key columns of each row of a batch into one byte string (a null bitmap, then each
 * value: fixed-width bytes, or a 4-byte length and UTF-8 bytes), so that hash tables compare
 * and hash whole keys with one memcmp and one hash, whatever the key types. Two rows have
 * equal encodings exactly when their keys are equal with NULL equal to NULL (GROUP BY); joins
 * skip rows with a NULL key themselves.
 */
public final class KeyEncoder implements AutoCloseable {
    private final DataType[] types;
    private final int[] widths;
    private final int nullBytes;
    private final int fixedWidth;
    private final boolean allFixed;
    private final BufferAllocator allocator;
    private ArrowBuf buf;
    private int[] offsets = new int[0];
    private long[] hashes = new long[0];
    private boolean[] anyNull = new boolean[0];

    public KeyEncoder(DataType[] types, BufferAllocator allocator) {
        this.types = types.clone();
        this.allocator = allocator;
        this.widths = new int[types.length];
        this.nullBytes = (types.length + 7) / 8;
        int fixed = nullBytes;
        boolean all = true;
        for (int i = 0; i < types.length; i++) {
            int w = types[i].fixedWidth();
            if (types[i] instanceof DataType.BooleanType || types[i] instanceof DataType.NullType) {
                w = 1;
            } else if (types[i] instanceof DataType.IntType) {
                // Widened to 8 bytes so that INT and BIGINT keys of equal value encode alike.
                w = 8;
            }
            widths[i] = w;
            if (w < 0) {
                all = false;
                fixed += 4;
            } else {
                fixed += w;
            }
        }
        this.fixedWidth = fixed;
        this.allFixed = all;
    }

    /** The length of every encoded key when all key columns are fixed-width, else -1. */
    public int fixedLength() {
        return allFixed ? fixedWidth : -1;
    }

    /** Encodes rows [0, n) of {@code keys}; then read with {@link #address}, {@link #length}, {@link #hash}. */
    public void encode(FieldVector[] keys, int n) {
        if (offsets.length < n + 1) {
            offsets = new int[n + 1];
            hashes = new long[n];
            anyNull = new boolean[n];
        }
        long total = (long) fixedWidth * n;
        if (!allFixed) {
            for (int c = 0; c < keys.length; c++) {
                if (widths[c] < 0) {
                    long oa = keys[c].getOffsetBuffer().memoryAddress();
                    total += MemoryUtil.getInt(oa + 4L * n) - MemoryUtil.getInt(oa);
                }
            }
        }
        if (buf == null || buf.capacity() < total) {
            if (buf != null) {
                buf.close();
            }
            buf = allocator.buffer(Math.max(total, 4096));
        }
        long base = buf.memoryAddress();
        // Row lengths and offsets.
        int off = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = off;
            int len = fixedWidth;
            if (!allFixed) {
                for (int c = 0; c < keys.length; c++) {
                    if (widths[c] < 0) {
                        long oa = keys[c].getOffsetBuffer().memoryAddress();
                        len += MemoryUtil.getInt(oa + 4L * i + 4) - MemoryUtil.getInt(oa + 4L * i);
                    }
                }
            }
            off += len;
        }
        offsets[n] = off;
        MemoryUtil.setMemory(base, off, (byte) 0);
        java.util.Arrays.fill(anyNull, 0, n, false);
        // Column by column: write values at each row's cursor.
        int[] cursor = new int[n];
        for (int i = 0; i < n; i++) {
            cursor[i] = offsets[i] + nullBytes;
        }
        for (int c = 0; c < keys.length; c++) {
            FieldVector v = keys[c];
            boolean allValid = v.getNullCount() == 0;
            long va = v.getValidityBuffer().memoryAddress();
            long da = v.getDataBuffer().memoryAddress();
            int w = widths[c];
            for (int i = 0; i < n; i++) {
                boolean valid = allValid || Bits.isSet(va, i);
                long dst = base + cursor[i];
                if (!valid) {
                    long nb = base + offsets[i] + (c >> 3);
                    MemoryUtil.putByte(nb, (byte) (MemoryUtil.getByte(nb) | (1 << (c & 7))));
                    anyNull[i] = true;
                    cursor[i] += w < 0 ? 4 : w;
                    continue;
                }
                switch (w) {
                    case 1 -> MemoryUtil.putByte(dst, (byte) (Bits.isSet(da, i) ? 1 : 0));
                    case 4 -> MemoryUtil.putInt(dst, MemoryUtil.getInt(da + 4L * i));
                    case 8 -> MemoryUtil.putLong(dst, types[c] instanceof DataType.IntType
                            ? MemoryUtil.getInt(da + 4L * i) : normalize(types[c], MemoryUtil.getLong(da + 8L * i)));
                    case 16 -> {
                        MemoryUtil.putLong(dst, MemoryUtil.getLong(da + 16L * i));
                        MemoryUtil.putLong(dst + 8, MemoryUtil.getLong(da + 16L * i + 8));
                    }
                    default -> {
                        long oa = v.getOffsetBuffer().memoryAddress();
                        int s = MemoryUtil.getInt(oa + 4L * i);
                        int len = MemoryUtil.getInt(oa + 4L * i + 4) - s;
                        MemoryUtil.putInt(dst, len);
                        Utf8.copy(da + s, dst + 4, len);
                        cursor[i] += len;
                    }
                }
                cursor[i] += w < 0 ? 4 : w;
            }
        }
        for (int i = 0; i < n; i++) {
            hashes[i] = Utf8.hash(base + offsets[i], offsets[i + 1] - offsets[i]);
        }
    }

    /** -0.0 and 0.0 are equal keys; so are all NaNs. */
    private static long normalize(DataType t, long bits) {
        if (t instanceof DataType.DoubleType) {
            double d = Double.longBitsToDouble(bits);
            return d == 0.0 ? 0L : Double.doubleToLongBits(d);
        }
        return bits;
    }

    public long address(int row) {
        return buf.memoryAddress() + offsets[row];
    }

    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    public long hash(int row) {
        return hashes[row];
    }

    public boolean anyNull(int row) {
        return anyNull[row];
    }

    @Override
    public void close() {
        if (buf != null) {
            buf.close();
            buf = null;
        }
    }
}
