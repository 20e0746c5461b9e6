package dev.ember.physical.expr;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/** Validity-bitmap helpers, 64 rows at a time where possible. */
public final class Bits {
    private Bits() {
    }

    public static boolean isSet(long validityAddr, int i) {
        return (MemoryUtil.getByte(validityAddr + (i >> 3)) & (1 << (i & 7))) != 0;
    }

    public static void set(long validityAddr, int i) {
        long a = validityAddr + (i >> 3);
        MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) | (1 << (i & 7))));
    }

    public static void clear(long validityAddr, int i) {
        long a = validityAddr + (i >> 3);
        MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) & ~(1 << (i & 7))));
    }

    public static int bytes(int n) {
        return (n + 7) >> 3;
    }

    /** Sets bits [from, from + count): whole bytes at once, the ragged ends bit by bit. */
    public static void setRange(long addr, int from, int count) {
        int i = from;
        int end = from + count;
        while (i < end && (i & 7) != 0) {
            set(addr, i++);
        }
        int fullBytes = (end - i) >> 3;
        if (fullBytes > 0) {
            MemoryUtil.setMemory(addr + (i >> 3), fullBytes, (byte) 0xFF);
            i += fullBytes << 3;
        }
        while (i < end) {
            set(addr, i++);
        }
    }

    /** Marks rows 0..n-1 valid. */
    public static void setAll(ArrowBuf validity, int n) {
        int full = n >> 3;
        if (full > 0) {
            validity.setOne(0, full);
        }
        for (int i = full << 3; i < n; i++) {
            set(validity.memoryAddress(), i);
        }
    }

    /** out = a AND b over the validity of n rows (either input may be null, meaning all valid). */
    public static void and(FieldVector a, FieldVector b, FieldVector out, int n) {
        boolean aAll = a == null || a.getNullCount() == 0;
        boolean bAll = b == null || b.getNullCount() == 0;
        ArrowBuf o = out.getValidityBuffer();
        if (aAll && bAll) {
            setAll(o, n);
        } else if (aAll) {
            copy(b.getValidityBuffer(), o, n);
        } else if (bAll) {
            copy(a.getValidityBuffer(), o, n);
        } else {
            long pa = a.getValidityBuffer().memoryAddress();
            long pb = b.getValidityBuffer().memoryAddress();
            long po = o.memoryAddress();
            int nb = bytes(n);
            int i = 0;
            for (; i + 8 <= nb; i += 8) {
                MemoryUtil.putLong(po + i, MemoryUtil.getLong(pa + i) & MemoryUtil.getLong(pb + i));
            }
            for (; i < nb; i++) {
                MemoryUtil.putByte(po + i, (byte) (MemoryUtil.getByte(pa + i) & MemoryUtil.getByte(pb + i)));
            }
        }
    }

    /** Copies the validity of n rows. */
    public static void copy(ArrowBuf from, ArrowBuf to, int n) {
        int nb = bytes(n);
        if (nb > 0) {
            to.setBytes(0, from, 0, nb);
        }
    }

    /** Copies the validity of {@code from} (all valid when it has no nulls) into {@code to}. */
    public static void copyValidity(FieldVector from, FieldVector to, int n) {
        if (from.getNullCount() == 0) {
            setAll(to.getValidityBuffer(), n);
        } else {
            copy(from.getValidityBuffer(), to.getValidityBuffer(), n);
        }
    }
}
