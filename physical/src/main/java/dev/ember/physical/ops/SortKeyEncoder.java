package dev.ember.physical.ops;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.memory.ByteArena;
import dev.ember.physical.plan.SortKey;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Encodes ORDER BY keys as byte strings whose unsigned byte order is the sort order
 * ("normalized keys", as DuckDB sorts): a null marker per key (placing NULLs first or last),
 * then the value big-endian with the sign flipped, inverted for DESC; strings are escaped and
 * terminated so that a prefix sorts first. Sorting then compares bytes only, whatever the types.
 */
public final class SortKeyEncoder {
    private final List<SortKey> keys;
    private final DataType[] types;
    private final byte[] scratch = new byte[16];

    public SortKeyEncoder(List<SortKey> keys, DataType[] types) {
        this.keys = keys;
        this.types = types;
    }

    /** Appends the encoded key of row {@code i} to the arena via a temporary buffer; returns its offset. */
    public long encode(FieldVector[] columns, int i, ByteArena arena, ArrowBuf tmp) {
        int len = encodeInto(columns, i, tmp);
        return arena.append(tmp.memoryAddress(), len);
    }

    /** Upper bound of the encoded length of row i. */
    public int maxLength(FieldVector[] columns, int i) {
        int len = 0;
        for (int k = 0; k < keys.size(); k++) {
            DataType t = types[k];
            int w = t.fixedWidth();
            if (w < 0) {
                FieldVector v = columns[keys.get(k).column()];
                long oa = v.getOffsetBuffer().memoryAddress();
                int l = MemoryUtil.getInt(oa + 4L * i + 4) - MemoryUtil.getInt(oa + 4L * i);
                len += 1 + 2 * l + 2;
            } else {
                len += 1 + Math.max(w, 1);
            }
        }
        return len;
    }

    /** Writes the encoded key of row i at the start of {@code out}; returns its length. */
    public int encodeInto(FieldVector[] columns, int i, ArrowBuf out) {
        long a = out.memoryAddress();
        int p = 0;
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            FieldVector v = columns[key.column()];
            boolean isNull = v.isNull(i);
            if (isNull) {
                MemoryUtil.putByte(a + p++, (byte) (key.nullsFirst() ? 0 : 2));
                continue;
            }
            MemoryUtil.putByte(a + p++, (byte) 1);
            int start = p;
            long da = v.getDataBuffer().memoryAddress();
            switch (types[k]) {
                case DataType.IntType t -> p = putInt(a, p, MemoryUtil.getInt(da + 4L * i));
                case DataType.DateType t -> p = putInt(a, p, MemoryUtil.getInt(da + 4L * i));
                case DataType.BigIntType t -> p = putLong(a, p, MemoryUtil.getLong(da + 8L * i));
                case DataType.TimestampType t -> p = putLong(a, p, MemoryUtil.getLong(da + 8L * i));
                case DataType.DecimalType d -> {
                    if (d.isLong()) {
                        p = putLong(a, p, MemoryUtil.getLong(da + 8L * i));
                    } else {
                        p = putLong(a, p, MemoryUtil.getLong(da + 16L * i + 8));
                        long lo = MemoryUtil.getLong(da + 16L * i);
                        MemoryUtil.putLong(a + p, Long.reverseBytes(lo));
                        p += 8;
                    }
                }
                case DataType.DoubleType t -> {
                    double d = Double.longBitsToDouble(MemoryUtil.getLong(da + 8L * i));
                    long bits = d == 0.0 ? 0L : Double.doubleToLongBits(d);
                    bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
                    MemoryUtil.putLong(a + p, Long.reverseBytes(bits));
                    p += 8;
                }
                case DataType.BooleanType t -> MemoryUtil.putByte(a + p++, (byte) (Bits.isSet(da, i) ? 1 : 0));
                case DataType.NullType t -> {
                }
                case DataType.StringType t -> {
                    long oa = v.getOffsetBuffer().memoryAddress();
                    int s = MemoryUtil.getInt(oa + 4L * i);
                    int e = MemoryUtil.getInt(oa + 4L * i + 4);
                    for (int b = s; b < e; b++) {
                        byte x = MemoryUtil.getByte(da + b);
                        MemoryUtil.putByte(a + p++, x);
                        if (x == 0) {
                            MemoryUtil.putByte(a + p++, (byte) 1);
                        }
                    }
                    MemoryUtil.putByte(a + p++, (byte) 0);
                    MemoryUtil.putByte(a + p++, (byte) 0);
                }
            }
            if (!key.ascending()) {
                for (int b = start; b < p; b++) {
                    MemoryUtil.putByte(a + b, (byte) ~MemoryUtil.getByte(a + b));
                }
            }
        }
        return p;
    }

    private static int putInt(long a, int p, int v) {
        MemoryUtil.putInt(a + p, Integer.reverseBytes(v ^ Integer.MIN_VALUE));
        return p + 4;
    }

    private static int putLong(long a, int p, long v) {
        MemoryUtil.putLong(a + p, Long.reverseBytes(v ^ Long.MIN_VALUE));
        return p + 8;
    }

    /** Unsigned lexicographic comparison of two encoded keys. */
    public static int compare(long a, int aLen, long b, int bLen) {
        return dev.ember.physical.expr.Utf8.compare(a, aLen, b, bLen);
    }

    /** A scratch buffer big enough for row i's key. */
    public static ArrowBuf ensure(ArrowBuf buf, int len, BufferAllocator allocator) {
        if (buf != null && buf.capacity() >= len) {
            return buf;
        }
        if (buf != null) {
            buf.close();
        }
        return allocator.buffer(Math.max(len, 256));
    }
}
