package dev.ember.physical.ops.agg;

import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.Int128;

import dev.ember.physical.memory.LongArray;
import dev.ember.physical.plan.AggFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates that keep one value per group: min, max, any_value, single_value (a scalar
 * subquery's value: a second row is an error), bool_and (= min), bool_or (= max). Fixed-width
 * values live in Arrow memory; strings are kept as byte arrays on the heap.
 */
final class ValueAccumulator extends Accumulator {
    private enum Layout { INT, LONG, DOUBLE, INT128, STRING, BOOL }

    private final AggFunction fn;
    private final DataType type;
    private final Layout layout;
    private final LongArray lo;
    private final LongArray hi;
    private final LongArray seen;
    private final List<byte[]> strings;

    ValueAccumulator(BufferAllocator allocator, AggFunction fn, DataType type) {
        this.fn = fn;
        this.type = type;
        this.layout = switch (type) {
            case DataType.IntType t -> Layout.INT;
            case DataType.DateType t -> Layout.INT;
            case DataType.DoubleType t -> Layout.DOUBLE;
            case DataType.DecimalType d -> d.isLong() ? Layout.LONG : Layout.INT128;
            case DataType.StringType t -> Layout.STRING;
            case DataType.BooleanType t -> Layout.BOOL;
            case DataType.NullType t -> Layout.BOOL;
            default -> Layout.LONG;
        };
        this.lo = new LongArray(allocator, 1024);
        this.hi = layout == Layout.INT128 ? new LongArray(allocator, 1024) : null;
        this.seen = new LongArray(allocator, 1024);
        this.strings = layout == Layout.STRING ? new ArrayList<>() : null;
    }

    @Override
    public void ensureGroups(int n) {
        lo.ensure(n);
        seen.ensure(n);
        if (hi != null) {
            hi.ensure(n);
        }
        if (strings != null) {
            while (strings.size() < n) {
                strings.add(null);
            }
        }
    }

    private boolean isMin() {
        return fn == AggFunction.MIN || fn == AggFunction.BOOL_AND;
    }

    @Override
    public void update(int[] groups, int n, FieldVector arg, FieldVector filter) {
        consume(groups, n, arg, filter, false);
    }

    @Override
    public void merge(int[] groups, int n, FieldVector[] states, int offset) {
        consume(groups, n, states[offset], null, true);
    }

    private void consume(int[] groups, int n, FieldVector v, FieldVector filter, boolean merging) {
        boolean allValid = v.getNullCount() == 0;
        long da = v.getDataBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            if ((!allValid && v.isNull(i)) || !passes(filter, i)) {
                continue;
            }
            int g = groups[i];
            boolean has = seen.get(g) != 0;
            if (has && (fn == AggFunction.ANY_VALUE)) {
                continue;
            }
            if (has && fn == AggFunction.SINGLE_VALUE) {
                throw new ExecutionException(ErrorClass.SCALAR_SUBQUERY_TOO_MANY_ROWS,
                        "a scalar subquery returned more than one row");
            }
            switch (layout) {
                case INT, LONG, DOUBLE, BOOL -> {
                    long x = switch (layout) {
                        case INT -> MemoryUtil.getInt(da + 4L * i);
                        case BOOL -> Bits.isSet(da, i) ? 1 : 0;
                        default -> MemoryUtil.getLong(da + 8L * i);
                    };
                    if (!has || better(x, lo.get(g))) {
                        lo.set(g, x);
                    }
                }
                case INT128 -> {
                    long xl = MemoryUtil.getLong(da + 16L * i);
                    long xh = MemoryUtil.getLong(da + 16L * i + 8);
                    int c = has ? Int128.compare(xh, xl, hi.get(g), lo.get(g)) : 0;
                    if (!has || (isMin() ? c < 0 : c > 0)) {
                        lo.set(g, xl);
                        hi.set(g, xh);
                    }
                }
                case STRING -> {
                    long oa = v.getOffsetBuffer().memoryAddress();
                    int s = MemoryUtil.getInt(oa + 4L * i);
                    int len = MemoryUtil.getInt(oa + 4L * i + 4) - s;
                    byte[] cur = strings.get(g);
                    boolean take = !has;
                    if (has && (fn == AggFunction.MIN || fn == AggFunction.MAX)) {
                        int c = compare(da + s, len, cur);
                        take = fn == AggFunction.MIN ? c < 0 : c > 0;
                    }
                    if (take) {
                        byte[] b = new byte[len];
                        MemoryUtil.copyFromMemory(da + s, b, 0, len);
                        strings.set(g, b);
                    }
                }
            }
            seen.set(g, 1);
        }
    }

    private static int compare(long addr, int len, byte[] b) {
        int n = Math.min(len, b.length);
        for (int k = 0; k < n; k++) {
            int c = (MemoryUtil.getByte(addr + k) & 0xff) - (b[k] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(len, b.length);
    }

    private boolean better(long x, long cur) {
        if (fn == AggFunction.SINGLE_VALUE || fn == AggFunction.ANY_VALUE) {
            return false;
        }
        int c = layout == Layout.DOUBLE ? Double.compare(Double.longBitsToDouble(x), Double.longBitsToDouble(cur))
                : Long.compare(x, cur);
        return isMin() ? c < 0 : c > 0;
    }

    @Override
    public DataType[] stateTypes() {
        return new DataType[] {type};
    }

    @Override
    public void writeStates(int from, int count, FieldVector[] out, int offset) {
        writeResult(from, count, out[offset]);
    }

    @Override
    public void writeResult(int from, int count, FieldVector out) {
        long oa = out.getDataBuffer().memoryAddress();
        for (int k = 0; k < count; k++) {
            int g = from + k;
            if (seen.get(g) == 0) {
                out.setNull(k);
                continue;
            }
            switch (layout) {
                case INT -> {
                    MemoryUtil.putInt(oa + 4L * k, (int) lo.get(g));
                    Bits.set(out.getValidityBuffer().memoryAddress(), k);
                }
                case LONG, DOUBLE -> {
                    MemoryUtil.putLong(oa + 8L * k, lo.get(g));
                    Bits.set(out.getValidityBuffer().memoryAddress(), k);
                }
                case INT128 -> {
                    MemoryUtil.putLong(oa + 16L * k, lo.get(g));
                    MemoryUtil.putLong(oa + 16L * k + 8, hi.get(g));
                    Bits.set(out.getValidityBuffer().memoryAddress(), k);
                }
                case BOOL -> Values.set(out, DataType.BOOLEAN, k, lo.get(g) != 0);
                case STRING -> ((org.apache.arrow.vector.VarCharVector) out).setSafe(k, strings.get(g));
            }
        }
        out.setValueCount(count);
    }

    @Override
    public long memoryBytes() {
        long b = lo.bytes() + seen.bytes() + (hi == null ? 0 : hi.bytes());
        if (strings != null) {
            for (byte[] s : strings) {
                b += s == null ? 8 : s.length + 16;
            }
        }
        return b;
    }

    @Override
    public void close() {
        lo.close();
        seen.close();
        if (hi != null) {
            hi.close();
        }
    }

}
