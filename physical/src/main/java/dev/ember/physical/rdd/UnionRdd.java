package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.ArrayList;
import java.util.List;

/** The partitions of several Rdds one after another (UNION ALL). */
public final class UnionRdd<T> extends Rdd<T> {
    private final List<Rdd<T>> parents;
    private final int[] starts;

    public UnionRdd(List<Rdd<T>> parents) {
        this.parents = List.copyOf(parents);
        this.starts = new int[parents.size() + 1];
        for (int i = 0; i < parents.size(); i++) {
            starts[i + 1] = starts[i] + parents.get(i).numPartitions();
        }
    }

    @Override
    public int numPartitions() {
        return starts[parents.size()];
    }

    @Override
    public List<Dependency<?>> dependencies() {
        List<Dependency<?>> deps = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            deps.add(NarrowDependency.range(parents.get(i), 0, starts[i], parents.get(i).numPartitions()));
        }
        return deps;
    }

    private int parentOf(int partition) {
        int i = 0;
        while (starts[i + 1] <= partition) {
            i++;
        }
        return i;
    }

    @Override
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        int i = parentOf(partition);
        return parents.get(i).iterator(partition - starts[i], ctx);
    }

    @Override
    public List<Integer> preferredExecutors(int partition) {
        int i = parentOf(partition);
        return parents.get(i).preferredExecutors(partition - starts[i]);
    }
}
