package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.ArrayList;
import java.util.List;

/** A driver-side list split into slices (parallelize; VALUES; collected broadcast data). */
public final class ParallelCollectionRdd<T> extends Rdd<T> {
    private final List<List<T>> slices;

    public ParallelCollectionRdd(List<T> data, int numSlices) {
        int n = Math.max(1, numSlices);
        List<List<T>> s = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) data.size() * i / n);
            int to = (int) ((long) data.size() * (i + 1) / n);
            s.add(List.copyOf(data.subList(from, to)));
        }
        this.slices = s;
    }

    @Override
    public int numPartitions() {
        return slices.size();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of();
    }

    @Override
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        return CloseableIterator.of(slices.get(partition));
    }
}
