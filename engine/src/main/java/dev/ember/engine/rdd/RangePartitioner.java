package dev.ember.engine.rdd;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sorted key ranges: partition i holds keys between bound i-1 and bound i, so that partitions in
 * order hold keys in order ({@code sortByKey}). Bounds are usually sampled from the data
 * ({@link JavaPairRdd#sortByKey}); descending order numbers the ranges backwards. Null keys go
 * first.
 */
public final class RangePartitioner extends Partitioner {
    private final Object[] bounds;
    private final boolean ascending;
    private final Comparator<Object> comparator;
    private final Comparator<?> given;

    /** Ranges split at {@code bounds} (sorted by {@code comparator}): bounds.size() + 1 partitions. */
    @SuppressWarnings("unchecked")
    public <K> RangePartitioner(List<K> bounds, boolean ascending, Comparator<? super K> comparator) {
        this.bounds = bounds.toArray();
        this.ascending = ascending;
        this.comparator = Comparator.nullsFirst((Comparator<Object>) comparator);
        this.given = comparator;
    }

    @Override
    public int numPartitions() {
        return bounds.length + 1;
    }

    @Override
    public int getPartition(Object key) {
        int i = Arrays.binarySearch(bounds, key, comparator);
        // The first bound >= key is the partition (a key equal to a bound stays with the keys below it).
        int p = i >= 0 ? i : -i - 1;
        return ascending ? p : bounds.length - p;
    }

    /** The split points, in key order. */
    public List<Object> bounds() {
        return java.util.Collections.unmodifiableList(Arrays.asList(bounds));
    }

    public boolean ascending() {
        return ascending;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangePartitioner r && r.ascending == ascending && Arrays.equals(r.bounds, bounds)
                && Objects.equals(r.given, given);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds) * 31 + (ascending ? 1 : 0);
    }

    @Override
    public String toString() {
        return "RangePartitioner(" + numPartitions() + (ascending ? "" : ", descending") + ")";
    }
}
