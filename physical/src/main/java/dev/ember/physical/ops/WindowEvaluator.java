package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VarCharAppender;
import dev.ember.physical.plan.WindowCall;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

import static dev.ember.physical.plan.WindowCall.UNBOUNDED_FOLLOWING;
import static dev.ember.physical.plan.WindowCall.UNBOUNDED_PRECEDING;

/**
 * Evaluates window functions over rows already sorted by (partition keys, order keys), held as
 * batches of {@code batchSize} rows (row g is row g % batchSize of batch g / batchSize), given
 * where partitions and peer groups start. Results are whole-column arrays (numbers) or row
 * references (functions returning a row's value: LAG, LEAD, FIRST/LAST/NTH_VALUE, MIN, MAX),
 * turned into vectors batch by batch.
 *
 * <p>Frame aggregates: a frame that starts at the partition's start only grows, one that ends
 * at the partition's end only shrinks from the other side, so both are computed by adding rows
 * in one pass (forward or backward); other frames (ROWS n PRECEDING .. m FOLLOWING, peers only)
 * are summed per row, in time proportional to the frame's size.
 */
final class WindowEvaluator {
    private final List<ColumnBatch> batches;
    private final int batchSize;
    private final int n;
    private final int[] partStart;
    private final int[] partEnd;
    private final int[] peerStart;
    private final int[] peerEnd;
    private final BufferAllocator allocator;

    WindowEvaluator(List<ColumnBatch> batches, int batchSize, int n, boolean[] newPartition, boolean[] newPeer,
                    BufferAllocator allocator) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.n = n;
        this.allocator = allocator;
        partStart = new int[n];
        partEnd = new int[n];
        peerStart = new int[n];
        peerEnd = new int[n];
        for (int i = 0; i < n; i++) {
            partStart[i] = newPartition[i] ? i : partStart[i - 1];
            // A new partition starts a new peer group too.
            peerStart[i] = newPartition[i] || newPeer[i] ? i : peerStart[i - 1];
        }
        for (int i = n - 1; i >= 0; i--) {
            partEnd[i] = i == n - 1 || newPartition[i + 1] ? i + 1 : partEnd[i + 1];
            peerEnd[i] = i == n - 1 || newPartition[i + 1] || newPeer[i + 1] ? i + 1 : peerEnd[i + 1];
        }
    }

    /** One function's values for all rows, cut into vectors on demand. */
    sealed interface Result {
        FieldVector vector(String name, int from, int count);
    }

    Result evaluate(WindowCall c) {
        return switch (c.function()) {
            case ROW_NUMBER -> longs(c, i -> i - partStart[i] + 1);
            case RANK -> longs(c, i -> peerStart[i] - partStart[i] + 1);
            case DENSE_RANK -> denseRank(c);
            case PERCENT_RANK -> doubles(i -> {
                int size = partEnd[i] - partStart[i];
                return size <= 1 ? 0.0 : (double) (peerStart[i] - partStart[i]) / (size - 1);
            });
            case CUME_DIST -> doubles(i -> (double) (peerEnd[i] - partStart[i]) / (partEnd[i] - partStart[i]));
            case NTILE -> longs(c, i -> ntile(i - partStart[i], partEnd[i] - partStart[i], c.param()));
            case LAG, LEAD -> offsetValue(c);
            case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frameValue(c);
            case COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX -> aggregate(c);
        };
    }

    private interface RowLong {
        long at(int i);
    }

    private interface RowDouble {
        double at(int i);
    }

    private Result longs(WindowCall c, RowLong f) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.at(i);
        }
        return new Longs(v, null, c.resultType(), allocator);
    }

    private Result doubles(RowDouble f) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.at(i);
        }
        return new Doubles(v, null, allocator);
    }

    private Result denseRank(WindowCall c) {
        long[] v = new long[n];
        long rank = 0;
        for (int i = 0; i < n; i++) {
            if (partStart[i] == i) {
                rank = 0;
            }
            if (peerStart[i] == i) {
                rank++;
            }
            v[i] = rank;
        }
        return new Longs(v, null, c.resultType(), allocator);
    }

    /** NTILE: the first size % buckets buckets get one row more than the others. */
    static long ntile(int j, int size, long buckets) {
        long q = size / buckets;
        long r = size % buckets;
        long big = r * (q + 1);
        return j < big ? j / (q + 1) + 1 : r + (j - big) / q + 1;
    }

    private Result offsetValue(WindowCall c) {
        long[] refs = new long[n];
        long off = c.function() == WindowCall.WindowFunction.LAG ? -c.param() : c.param();
        boolean hasDefault = c.args().length > 1;
        for (int i = 0; i < n; i++) {
            long j = i + off;
            // Outside the partition: the default (this row's value of the default column), else NULL.
            refs[i] = j >= partStart[i] && j < partEnd[i] ? j : hasDefault ? -2 - i : -1;
        }
        return new Refs(refs, c.args()[0], hasDefault ? c.args()[1] : -1, c.resultType());
    }

    /** Frame [frameStart(i), frameEnd(i)) of row i, clamped to its partition. */
    private int frameStart(WindowCall c, int i) {
        long s = c.frameStart();
        if (s == UNBOUNDED_PRECEDING) {
            return partStart[i];
        }
        if (!c.rowsFrame()) {
            return s == 0 ? peerStart[i] : partEnd[i];
        }
        return (int) Math.max(partStart[i], Math.min(partEnd[i], i + s));
    }

    private int frameEnd(WindowCall c, int i) {
        long e = c.frameEnd();
        if (e == UNBOUNDED_FOLLOWING) {
            return partEnd[i];
        }
        if (!c.rowsFrame()) {
            return e == 0 ? peerEnd[i] : partStart[i];
        }
        return (int) Math.max(partStart[i], Math.min(partEnd[i], i + e + 1));
    }

    private Result frameValue(WindowCall c) {
        long[] refs = new long[n];
        for (int i = 0; i < n; i++) {
            int s = frameStart(c, i);
            int e = frameEnd(c, i);
            long pick = switch (c.function()) {
                case FIRST_VALUE -> s;
                case LAST_VALUE -> e - 1L;
                default -> s + c.param() - 1;
            };
            refs[i] = s < e && pick >= s && pick < e ? pick : -1;
        }
        return new Refs(refs, c.args()[0], -1, c.resultType());
    }

    private Result aggregate(WindowCall c) {
        WindowCall.WindowFunction fn = c.function();
        WindowArg arg = fn == WindowCall.WindowFunction.COUNT_STAR ? null : WindowArg.read(batches, batchSize, n, c.args()[0]);
        Acc acc = new Acc(fn, arg, c.resultType());
        acc.output(n);
        int i = 0;
        while (i < n) {
            int ps = partStart[i];
            int pe = partEnd[i];
            if (c.frameStart() == UNBOUNDED_PRECEDING) {
                acc.reset();
                int added = ps;
                for (int r = ps; r < pe; r++) {
                    int e = frameEnd(c, r);
                    while (added < e) {
                        acc.add(added++);
                    }
                    acc.emit(r);
                }
            } else if (c.frameEnd() == UNBOUNDED_FOLLOWING) {
                acc.reset();
                int added = pe;
                for (int r = pe - 1; r >= ps; r--) {
                    int s = frameStart(c, r);
                    while (added > s) {
                        acc.add(--added);
                    }
                    acc.emit(r);
                }
            } else {
                for (int r = ps; r < pe; r++) {
                    acc.reset();
                    int e = frameEnd(c, r);
                    for (int j = frameStart(c, r); j < e; j++) {
                        acc.add(j);
                    }
                    acc.emit(r);
                }
            }
            i = pe;
        }
        return acc.refs() != null ? new Refs(acc.refs(), arg.column(), -1, c.resultType()) : acc.result(allocator);
    }

    /**
     * Running state of one frame aggregate; {@link #emit} stores the current value as row r's of
     * the output arrays. The argument and the output arrays can be replaced while the state carries
     * on, so a spilled partition can be aggregated one batch at a time ({@link SpilledWindowPartition}).
     */
    static final class Acc {
        private final WindowCall.WindowFunction fn;
        private final DataType resultType;
        private WindowArg arg;
        private long[] outLong;
        private long[] outHi;
        private double[] outDouble;
        private long[] outRef;
        private boolean[] outNull;
        private long count;
        private long lo;
        private long hi;
        private double dsum;
        private int best;

        Acc(WindowCall.WindowFunction fn, WindowArg arg, DataType resultType) {
            this.fn = fn;
            this.arg = arg;
            this.resultType = resultType;
        }

        /** The argument rows that {@link #add} reads from now on (the same column, a new batch). */
        void arg(WindowArg a) {
            this.arg = a;
        }

        /** Fresh output arrays for n rows (the running state is kept). */
        void output(int n) {
            boolean ref = fn == WindowCall.WindowFunction.MIN || fn == WindowCall.WindowFunction.MAX;
            boolean dbl = resultType instanceof DataType.DoubleType;
            outRef = ref ? new long[n] : null;
            outDouble = !ref && dbl ? new double[n] : null;
            outLong = !ref && !dbl ? new long[n] : null;
            outHi = !ref && resultType instanceof DataType.DecimalType d && !d.isLong() ? new long[n] : null;
            outNull = new boolean[n];
        }

        void reset() {
            count = 0;
            lo = 0;
            hi = 0;
            dsum = 0;
            best = -1;
        }

        void add(int j) {
            if (arg == null) {
                count++;
                return;
            }
            if (arg.isNull(j)) {
                return;
            }
            count++;
            switch (fn) {
                case SUM, SUM0, AVG -> {
                    switch (arg.kind()) {
                        case DOUBLE -> dsum += arg.doubleAt(j);
                        case LONG -> add128(arg.longAt(j), arg.longAt(j) >> 63);
                        case INT128 -> add128(arg.longAt(j), arg.hiAt(j));
                        case TEXT -> throw new IllegalStateException("sum of text");
                    }
                }
                case MIN -> {
                    if (best < 0 || arg.compare(j, best) < 0) {
                        best = j;
                    }
                }
                case MAX -> {
                    if (best < 0 || arg.compare(j, best) > 0) {
                        best = j;
                    }
                }
                default -> {
                }
            }
        }

        private void add128(long vLo, long vHi) {
            long nLo = lo + vLo;
            long carry = Long.compareUnsigned(nLo, lo) < 0 ? 1 : 0;
            long nHi = hi + vHi + carry;
            if (((hi ^ nHi) & (vHi ^ nHi)) < 0) {
                throw overflow();
            }
            lo = nLo;
            hi = nHi;
        }

        void emit(int r) {
            switch (fn) {
                case COUNT, COUNT_STAR -> outLong[r] = count;
                case MIN, MAX -> outRef[r] = best;
                case SUM, SUM0 -> {
                    if (count == 0 && fn == WindowCall.WindowFunction.SUM) {
                        outNull[r] = true;
                    } else if (outDouble != null) {
                        outDouble[r] = arg.kind() != WindowArg.Kind.DOUBLE
                                ? toBig(lo, hi).doubleValue() / arg.scaleFactor() : dsum;
                    } else {
                        storeExact(r, lo, hi);
                    }
                }
                case AVG -> {
                    if (count == 0) {
                        outNull[r] = true;
                    } else if (outDouble != null) {
                        outDouble[r] = arg.kind() == WindowArg.Kind.DOUBLE ? dsum / count
                                : toBig(lo, hi).doubleValue() / arg.scaleFactor() / count;
                    } else {
                        // DECIMAL: the exact sum rescaled to the result's scale, divided, rounded half up.
                        int scale = ((DataType.DecimalType) resultType).scale();
                        BigDecimal avg = new BigDecimal(toBig(lo, hi), arg.scale())
                                .divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
                        BigInteger u = avg.unscaledValue();
                        storeExact(r, u.longValue(), u.shiftRight(64).longValue());
                    }
                }
                default -> throw new IllegalStateException(fn.name());
            }
        }

        private void storeExact(int r, long vLo, long vHi) {
            if (outHi != null) {
                outLong[r] = vLo;
                outHi[r] = vHi;
            } else if (vHi != vLo >> 63) {
                throw overflow();
            } else {
                outLong[r] = vLo;
            }
        }

        private ExecutionException overflow() {
            return new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range for " + resultType.sql() + " in " + fn.name().toLowerCase(java.util.Locale.ROOT));
        }

        /** MIN/MAX results: row references into the rows the argument was read from. */
        long[] refs() {
            return outRef;
        }

        /** The values emitted into the output arrays (not for MIN/MAX, see {@link #refs}). */
        Result result(BufferAllocator allocator) {
            boolean anyNull = false;
            for (boolean b : outNull) {
                anyNull |= b;
            }
            boolean[] nulls = anyNull ? outNull : null;
            if (outDouble != null) {
                return new Doubles(outDouble, nulls, allocator);
            }
            if (outHi != null) {
                return new Wide(outLong, outHi, nulls, resultType, allocator);
            }
            return new Longs(outLong, nulls, resultType, allocator);
        }
    }

    static BigInteger toBig(long lo, long hi) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    /** INT, BIGINT, DATE or DECIMAL(p <= 18) results. */
    static final class Longs implements Result {
        private final long[] v;
        private final boolean[] nulls;
        private final DataType type;
        private final BufferAllocator allocator;

        Longs(long[] v, boolean[] nulls, DataType type, BufferAllocator allocator) {
            this.v = v;
            this.nulls = nulls;
            this.type = type;
            this.allocator = allocator;
        }

        public FieldVector vector(String name, int from, int count) {
            FieldVector out = Vectors.allocate(name, type, allocator, count);
            long od = out.getDataBuffer().memoryAddress();
            long ov = out.getValidityBuffer().memoryAddress();
            boolean ints = type.fixedWidth() == 4;
            for (int k = 0; k < count; k++) {
                if (nulls != null && nulls[from + k]) {
                    continue;
                }
                Bits.set(ov, k);
                if (ints) {
                    MemoryUtil.putInt(od + 4L * k, Math.toIntExact(v[from + k]));
                } else {
                    MemoryUtil.putLong(od + 8L * k, v[from + k]);
                }
            }
            out.setValueCount(count);
            return out;
        }
    }

    static final class Doubles implements Result {
        private final double[] v;
        private final boolean[] nulls;
        private final BufferAllocator allocator;

        Doubles(double[] v, boolean[] nulls, BufferAllocator allocator) {
            this.v = v;
            this.nulls = nulls;
            this.allocator = allocator;
        }

        public FieldVector vector(String name, int from, int count) {
            FieldVector out = Vectors.allocate(name, DataType.DOUBLE, allocator, count);
            long od = out.getDataBuffer().memoryAddress();
            long ov = out.getValidityBuffer().memoryAddress();
            for (int k = 0; k < count; k++) {
                if (nulls != null && nulls[from + k]) {
                    continue;
                }
                Bits.set(ov, k);
                MemoryUtil.putLong(od + 8L * k, Double.doubleToRawLongBits(v[from + k]));
            }
            out.setValueCount(count);
            return out;
        }
    }

    /** DECIMAL(p > 18) results: 128-bit two's complement, low word first. */
    static final class Wide implements Result {
        private final long[] lo;
        private final long[] hi;
        private final boolean[] nulls;
        private final DataType type;
        private final BufferAllocator allocator;

        Wide(long[] lo, long[] hi, boolean[] nulls, DataType type, BufferAllocator allocator) {
            this.lo = lo;
            this.hi = hi;
            this.nulls = nulls;
            this.type = type;
            this.allocator = allocator;
        }

        public FieldVector vector(String name, int from, int count) {
            FieldVector out = Vectors.allocate(name, type, allocator, count);
            long od = out.getDataBuffer().memoryAddress();
            long ov = out.getValidityBuffer().memoryAddress();
            for (int k = 0; k < count; k++) {
                if (nulls != null && nulls[from + k]) {
                    continue;
                }
                Bits.set(ov, k);
                MemoryUtil.putLong(od + 16L * k, lo[from + k]);
                MemoryUtil.putLong(od + 16L * k + 8, hi[from + k]);
            }
            out.setValueCount(count);
            return out;
        }
    }

    /**
     * Values copied from other rows: ref >= 0 is row ref of {@code column}, -1 is NULL, and
     * -2 - i is row i of {@code defaultColumn} (LAG/LEAD outside the partition).
     */
    final class Refs implements Result {
        private final long[] refs;
        private final int column;
        private final int defaultColumn;
        private final DataType type;

        Refs(long[] refs, int column, int defaultColumn, DataType type) {
            this.refs = refs;
            this.column = column;
            this.defaultColumn = defaultColumn;
            this.type = type;
        }

        public FieldVector vector(String name, int from, int count) {
            FieldVector out = Vectors.allocate(name, type, allocator, count);
            RowCopier.Layout layout = RowCopier.layout(type);
            VarCharAppender w = layout == RowCopier.Layout.VARIABLE ? new VarCharAppender((BaseVariableWidthVector) out) : null;
            long od = w == null ? out.getDataBuffer().memoryAddress() : 0;
            for (int k = 0; k < count; k++) {
                long ref = refs[from + k];
                int col = column;
                if (ref < -1) {
                    ref = -2 - ref;
                    col = defaultColumn;
                }
                FieldVector v = ref < 0 ? null : batches.get((int) (ref / batchSize)).vector(col);
                copyCell(v, (int) (ref % batchSize), layout, out, od, w, k);
            }
            if (w != null) {
                w.finish(count);
            } else {
                out.setValueCount(count);
            }
            return out;
        }
    }

    /**
     * Copies row r of v (NULL when v is null) to row k of out, whose data buffer is at od (for
     * fixed-width layouts) or which w appends to (variable width); the output's validity is set.
     */
    static void copyCell(FieldVector v, int r, RowCopier.Layout layout, FieldVector out, long od, VarCharAppender w, int k) {
        if (v == null || v.isNull(r)) {
            if (w != null) {
                w.appendNull(k);
            }
            return;
        }
        long da = v.getDataBuffer().memoryAddress();
        switch (layout) {
            case VARIABLE -> {
                long oa = v.getOffsetBuffer().memoryAddress();
                int s = MemoryUtil.getInt(oa + 4L * r);
                w.appendMemory(k, da + s, MemoryUtil.getInt(oa + 4L * r + 4) - s);
                return;
            }
            case BIT -> {
                if (Bits.isSet(da, r)) {
                    Bits.set(od, k);
                }
            }
            case INT -> MemoryUtil.putInt(od + 4L * k, MemoryUtil.getInt(da + 4L * r));
            case LONG -> MemoryUtil.putLong(od + 8L * k, MemoryUtil.getLong(da + 8L * r));
            case INT128 -> {
                MemoryUtil.putLong(od + 16L * k, MemoryUtil.getLong(da + 16L * r));
                MemoryUtil.putLong(od + 16L * k + 8, MemoryUtil.getLong(da + 16L * r + 8));
            }
        }
        Bits.set(out.getValidityBuffer().memoryAddress(), k);
    }
}
