package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * One argument column of a window aggregate, read once from the sorted batches into arrays
 * (numbers as longs, doubles or 128-bit pairs; text as bytes) so that frames can add rows by
 * index without touching vectors.
 */
final class WindowArg {
    enum Kind { LONG, DOUBLE, INT128, TEXT }

    private final Kind kind;
    private final int column;
    private final int scale;
    private final boolean[] nulls;
    private final long[] longs;
    private final long[] his;
    private final double[] doubles;
    private final byte[][] texts;

    private WindowArg(Kind kind, int column, int scale, int n) {
        this.kind = kind;
        this.column = column;
        this.scale = scale;
        this.nulls = new boolean[n];
        this.longs = kind == Kind.LONG || kind == Kind.INT128 ? new long[n] : null;
        this.his = kind == Kind.INT128 ? new long[n] : null;
        this.doubles = kind == Kind.DOUBLE ? new double[n] : null;
        this.texts = kind == Kind.TEXT ? new byte[n][] : null;
    }

    static WindowArg read(List<ColumnBatch> batches, int batchSize, int n, int column) {
        if (batches.isEmpty()) {
            return new WindowArg(Kind.LONG, column, 0, 0);
        }
        DataType type = batches.get(0).schema().type(column);
        Kind kind = switch (type) {
            case DataType.DoubleType t -> Kind.DOUBLE;
            case DataType.DecimalType d when !d.isLong() -> Kind.INT128;
            case DataType.StringType t -> Kind.TEXT;
            default -> Kind.LONG;
        };
        int scale = type instanceof DataType.DecimalType d ? d.scale() : 0;
        WindowArg a = new WindowArg(kind, column, scale, n);
        int width = type.fixedWidth();
        boolean bits = type instanceof DataType.BooleanType || type instanceof DataType.NullType;
        int base = 0;
        for (ColumnBatch b : batches) {
            FieldVector v = b.vector(column);
            int rows = b.rowCount();
            long va = v.getValidityBuffer().memoryAddress();
            boolean allValid = v.getNullCount() == 0;
            long da = v.getDataBuffer().memoryAddress();
            for (int r = 0; r < rows; r++) {
                int g = base + r;
                if (!allValid && !Bits.isSet(va, r)) {
                    a.nulls[g] = true;
                    continue;
                }
                switch (kind) {
                    case DOUBLE -> a.doubles[g] = Double.longBitsToDouble(MemoryUtil.getLong(da + 8L * r));
                    case INT128 -> {
                        a.longs[g] = MemoryUtil.getLong(da + 16L * r);
                        a.his[g] = MemoryUtil.getLong(da + 16L * r + 8);
                    }
                    case TEXT -> {
                        long oa = v.getOffsetBuffer().memoryAddress();
                        int s = MemoryUtil.getInt(oa + 4L * r);
                        byte[] bytes = new byte[MemoryUtil.getInt(oa + 4L * r + 4) - s];
                        MemoryUtil.copyFromMemory(da + s, bytes, 0, bytes.length);
                        a.texts[g] = bytes;
                    }
                    case LONG -> a.longs[g] = bits ? (Bits.isSet(da, r) ? 1 : 0)
                            : width == 4 ? MemoryUtil.getInt(da + 4L * r) : MemoryUtil.getLong(da + 8L * r);
                }
            }
            base += rows;
        }
        return a;
    }

    Kind kind() {
        return kind;
    }

    int column() {
        return column;
    }

    int scale() {
        return scale;
    }

    /** 10^scale, to turn an unscaled decimal sum into its value. */
    double scaleFactor() {
        return Math.pow(10, scale);
    }

    boolean isNull(int i) {
        return nulls[i];
    }

    long longAt(int i) {
        return longs[i];
    }

    long hiAt(int i) {
        return his[i];
    }

    byte[] textAt(int i) {
        return texts[i];
    }

    double doubleAt(int i) {
        return doubles[i];
    }

    /** Orders two non-null values: numbers by value (DOUBLE as SQL orders it), text by UTF-8 bytes. */
    int compare(int i, int j) {
        return switch (kind) {
            case LONG -> Long.compare(longs[i], longs[j]);
            case DOUBLE -> Double.compare(doubles[i], doubles[j]);
            case INT128 -> his[i] != his[j] ? Long.compare(his[i], his[j]) : Long.compareUnsigned(longs[i], longs[j]);
            case TEXT -> java.util.Arrays.compareUnsigned(texts[i], texts[j]);
        };
    }
}
