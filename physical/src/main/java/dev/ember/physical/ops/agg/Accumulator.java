package dev.ember.physical.ops.agg;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.Bits;
import org.apache.arrow.vector.FieldVector;

/**
 * The state of one aggregate for every group of a hash aggregation, updated a batch at a time
 * with the batch's group ids. Raw rows go through {@link #update}; partial states from other
 * tasks through {@link #merge}. All state lives in Arrow memory unless noted.
 */
public abstract class Accumulator implements AutoCloseable {

    /** Makes room for group ids [0, n). */
    public abstract void ensureGroups(int n);

    /** Adds rows [0, n) of {@code arg} (null for count(*)) to groups {@code groups[i]}, where {@code filter} allows. */
    public abstract void update(int[] groups, int n, FieldVector arg, FieldVector filter);

    /** Merges partial states (columns {@code states[offset...]}) of rows [0, n) into groups. */
    public abstract void merge(int[] groups, int n, FieldVector[] states, int offset);

    /** Types of the partial state columns. */
    public abstract DataType[] stateTypes();

    /** Writes the states of groups [from, from+count) into {@code out[offset...]} (allocated, count values). */
    public abstract void writeStates(int from, int count, FieldVector[] out, int offset);

    /** Writes the final values of groups [from, from+count) into {@code out} (allocated, count values). */
    public abstract void writeResult(int from, int count, FieldVector out);

    public abstract long memoryBytes();

    @Override
    public abstract void close();

    /** True when row i counts: the filter (if any) is TRUE. */
    static boolean passes(FieldVector filter, int i) {
        return filter == null || (!filter.isNull(i) && Bits.isSet(filter.getDataBuffer().memoryAddress(), i));
    }
}
