package dev.ember.physical.batch;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.Utf8;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * 64-bit hashes of rows over key columns, column at a time. Both sides of a shuffle join hash
 * keys of identical types, so equal keys land in the same partition.
 */
public final class RowHasher {
    private static final long NULL_HASH = 0x5bd1e9955bd1e995L;

    private RowHasher() {
    }

    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** hashes[i] = hash of row i over {@code keys} (n rows). */
    public static void hash(FieldVector[] keys, DataType[] types, int n, long[] hashes) {
        java.util.Arrays.fill(hashes, 0, n, 0x9E3779B97F4A7C15L);
        for (int c = 0; c < keys.length; c++) {
            FieldVector v = keys[c];
            boolean allValid = v.getNullCount() == 0;
            long va = v.getValidityBuffer().memoryAddress();
            long da = v.getDataBuffer().memoryAddress();
            switch (types[c]) {
                case DataType.IntType t -> intHash(da, va, allValid, n, hashes);
                case DataType.DateType t -> intHash(da, va, allValid, n, hashes);
                case DataType.BigIntType t -> longHash(da, va, allValid, n, hashes);
                case DataType.TimestampType t -> longHash(da, va, allValid, n, hashes);
                case DataType.DoubleType t -> {
                    for (int i = 0; i < n; i++) {
                        double d = Double.longBitsToDouble(MemoryUtil.getLong(da + 8L * i));
                        long bits = d == 0.0 ? 0 : Double.doubleToLongBits(d);
                        hashes[i] = combine(hashes[i], allValid || Bits.isSet(va, i) ? mix(bits) : NULL_HASH);
                    }
                }
                case DataType.DecimalType d -> {
                    if (d.isLong()) {
                        longHash(da, va, allValid, n, hashes);
                    } else {
                        for (int i = 0; i < n; i++) {
                            long lo = MemoryUtil.getLong(da + 16L * i);
                            long hi = MemoryUtil.getLong(da + 16L * i + 8);
                            hashes[i] = combine(hashes[i], allValid || Bits.isSet(va, i) ? mix(lo ^ mix(hi)) : NULL_HASH);
                        }
                    }
                }
                case DataType.StringType t -> {
                    long oa = v.getOffsetBuffer().memoryAddress();
                    for (int i = 0; i < n; i++) {
                        long h;
                        if (allValid || Bits.isSet(va, i)) {
                            int s = MemoryUtil.getInt(oa + 4L * i);
                            int e = MemoryUtil.getInt(oa + 4L * i + 4);
                            h = Utf8.hash(da + s, e - s);
                        } else {
                            h = NULL_HASH;
                        }
                        hashes[i] = combine(hashes[i], h);
                    }
                }
                case DataType.BooleanType t -> {
                    for (int i = 0; i < n; i++) {
                        long h = allValid || Bits.isSet(va, i) ? (Bits.isSet(da, i) ? mix(1) : mix(2)) : NULL_HASH;
                        hashes[i] = combine(hashes[i], h);
                    }
                }
                case DataType.NullType t -> {
                    for (int i = 0; i < n; i++) {
                        hashes[i] = combine(hashes[i], NULL_HASH);
                    }
                }
            }
        }
    }

    private static long combine(long h, long c) {
        return mix(h * 31 + c);
    }

    private static void intHash(long da, long va, boolean allValid, int n, long[] hashes) {
        for (int i = 0; i < n; i++) {
            long h = allValid || Bits.isSet(va, i) ? mix(MemoryUtil.getInt(da + 4L * i)) : NULL_HASH;
            hashes[i] = combine(hashes[i], h);
        }
    }

    private static void longHash(long da, long va, boolean allValid, int n, long[] hashes) {
        for (int i = 0; i < n; i++) {
            long h = allValid || Bits.isSet(va, i) ? mix(MemoryUtil.getLong(da + 8L * i)) : NULL_HASH;
            hashes[i] = combine(hashes[i], h);
        }
    }

    /** Partition of a hash among {@code r} partitions. */
    public static int partition(long hash, int r) {
        return (int) Long.remainderUnsigned(hash >>> 1, r);
    }
}
