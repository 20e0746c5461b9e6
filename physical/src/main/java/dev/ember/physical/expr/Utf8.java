package dev.ember.physical.expr;

import org.apache.arrow.memory.util.MemoryUtil;

/** Byte-level string helpers over Arrow memory. UTF-8 byte order is code point order. */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Copies {@code len} bytes. Most strings a row copies are short (flags, codes, names), and
     * {@code Unsafe.copyMemory} costs about 10 ns a call whatever the length; a word loop copies a
     * 1-byte string in 4 (measured), so short copies are done here and long ones handed on.
     */
    public static void copy(long src, long dst, int len) {
        if (len > 32) {
            MemoryUtil.copyMemory(src, dst, len);
            return;
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            MemoryUtil.putLong(dst + i, MemoryUtil.getLong(src + i));
        }
        for (; i < len; i++) {
            MemoryUtil.putByte(dst + i, MemoryUtil.getByte(src + i));
        }
    }

    public static boolean equals(long a, int aLen, long b, int bLen) {
        if (aLen != bLen) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= aLen; i += 8) {
            if (MemoryUtil.getLong(a + i) != MemoryUtil.getLong(b + i)) {
                return false;
            }
        }
        for (; i < aLen; i++) {
            if (MemoryUtil.getByte(a + i) != MemoryUtil.getByte(b + i)) {
                return false;
            }
        }
        return true;
    }

    public static boolean equals(long a, int aLen, byte[] b) {
        if (aLen != b.length) {
            return false;
        }
        for (int i = 0; i < aLen; i++) {
            if (MemoryUtil.getByte(a + i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    public static int compare(long a, int aLen, long b, int bLen) {
        int n = Math.min(aLen, bLen);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long x = MemoryUtil.getLong(a + i);
            long y = MemoryUtil.getLong(b + i);
            if (x != y) {
                // Little-endian words: compare as big-endian so the first differing byte decides.
                return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y));
            }
        }
        for (; i < n; i++) {
            int c = (MemoryUtil.getByte(a + i) & 0xff) - (MemoryUtil.getByte(b + i) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(aLen, bLen);
    }

    /** Number of code points in a UTF-8 byte range (continuation bytes are not counted). */
    public static int codePoints(long a, int len) {
        int count = 0;
        for (int i = 0; i < len; i++) {
            if ((MemoryUtil.getByte(a + i) & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** Byte offset of code point {@code cp} (0-based) in the range, or len if past the end. */
    public static int byteOffsetOf(long a, int len, int cp) {
        int seen = 0;
        for (int i = 0; i < len; i++) {
            if ((MemoryUtil.getByte(a + i) & 0xC0) != 0x80) {
                if (seen == cp) {
                    return i;
                }
                seen++;
            }
        }
        return len;
    }

    /** 64-bit hash of a byte range (used by hash tables and partitioners). */
    public static long hash(long a, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = (h ^ MemoryUtil.getLong(a + i)) * 0xff51afd7ed558ccdL;
            h ^= h >>> 32;
        }
        long tail = 0;
        int shift = 0;
        for (; i < len; i++) {
            tail |= (MemoryUtil.getByte(a + i) & 0xffL) << shift;
            shift += 8;
        }
        h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 29);
    }
}
