package dev.ember.physical.ops;

import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VarCharAppender;
import dev.ember.physical.plan.WindowCall.WindowFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The value of one row of a growing frame (its first, nth or last row, or its least or greatest
 * non-NULL value, as FIRST_VALUE, NTH_VALUE, LAST_VALUE, MIN and MAX take it), copied out of the row's batch
 * so that it outlives the batch: a spilled partition is read a batch at a time. Values compare as
 * {@link WindowArg#compare} orders them.
 */
final class FrameValue implements SpilledWindowFrame.RowSink {
    private final WindowFunction fn;
    private final long nth;
    private final DataType type;
    private final RowCopier.Layout layout;
    private WindowArg arg;
    private long count;
    private boolean isNull;
    private long lo;
    private long hi;
    private double dbl;
    private byte[] text;
    private FieldVector out;
    private VarCharAppender appender;

    /** nth: NTH_VALUE's position (1 is the first row). */
    FrameValue(WindowFunction fn, long nth, DataType type) {
        this.fn = fn;
        this.nth = nth;
        this.type = type;
        this.layout = RowCopier.layout(type);
    }

    /** The rows {@link #add} reads from now on. */
    @Override
    public void arg(WindowArg a) {
        this.arg = a;
    }

    /** Forgets the value: a new partition starts. */
    void reset() {
        count = 0;
        isNull = true;
    }

    /** Adds row j of the argument to the frame. */
    @Override
    public void add(int j) {
        count++;
        switch (fn) {
            case FIRST_VALUE -> {
                if (count == 1) {
                    take(j);
                }
            }
            // Before the frame reaches the nth row the value stays NULL.
            case NTH_VALUE -> {
                if (count == nth) {
                    take(j);
                }
            }
            case LAST_VALUE -> take(j);
            default -> {
                // MIN and MAX skip NULLs; the first non-NULL value is the best so far.
                if (!arg.isNull(j) && (isNull || better(j))) {
                    take(j);
                }
            }
        }
    }

    private boolean better(int j) {
        int c = switch (arg.kind()) {
            case LONG -> Long.compare(arg.longAt(j), lo);
            case DOUBLE -> Double.compare(arg.doubleAt(j), dbl);
            case INT128 -> arg.hiAt(j) != hi ? Long.compare(arg.hiAt(j), hi) : Long.compareUnsigned(arg.longAt(j), lo);
            case TEXT -> java.util.Arrays.compareUnsigned(arg.textAt(j), text);
        };
        return fn == WindowFunction.MIN ? c < 0 : c > 0;
    }

    private void take(int j) {
        isNull = arg.isNull(j);
        if (isNull) {
            return;
        }
        switch (arg.kind()) {
            case LONG -> lo = arg.longAt(j);
            case DOUBLE -> dbl = arg.doubleAt(j);
            case INT128 -> {
                lo = arg.longAt(j);
                hi = arg.hiAt(j);
            }
            // The arrays of a WindowArg are fresh per batch: keeping the reference copies nothing.
            case TEXT -> text = arg.textAt(j);
        }
    }

    /** Starts an output vector of n rows. */
    void output(String name, int n, BufferAllocator allocator) {
        out = Vectors.allocate(name, type, allocator, n);
        appender = layout == RowCopier.Layout.VARIABLE ? new VarCharAppender((BaseVariableWidthVector) out) : null;
    }

    /** Stores the value as row r of the output. */
    void emit(int r) {
        if (isNull) {
            if (appender != null) {
                appender.appendNull(r);
            }
            return;
        }
        if (appender != null) {
            appender.appendBytes(r, text);
            return;
        }
        long od = out.getDataBuffer().memoryAddress();
        switch (layout) {
            case BIT -> {
                if (lo != 0) {
                    Bits.set(od, r);
                }
            }
            case INT -> MemoryUtil.putInt(od + 4L * r, (int) lo);
            case LONG -> MemoryUtil.putLong(od + 8L * r, arg.kind() == WindowArg.Kind.DOUBLE ? Double.doubleToRawLongBits(dbl) : lo);
            case INT128 -> {
                MemoryUtil.putLong(od + 16L * r, lo);
                MemoryUtil.putLong(od + 16L * r + 8, hi);
            }
            case VARIABLE -> throw new IllegalStateException("text without an appender");
        }
        Bits.set(out.getValidityBuffer().memoryAddress(), r);
    }

    /** The finished output vector of n rows (the caller owns it). */
    FieldVector result(int n) {
        FieldVector v = out;
        out = null;
        if (appender != null) {
            appender.finish(n);
            appender = null;
        } else {
            v.setValueCount(n);
        }
        return v;
    }

    /** Frees an output vector left unfinished by an error. */
    void abandon() {
        if (out != null) {
            out.close();
            out = null;
        }
        appender = null;
    }
}
