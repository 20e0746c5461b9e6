package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of several Rdds one after another (UNION ALL). The offsets are computed when
 * first needed, not at construction: a parent over an adaptive shuffle read knows its partition
 * count only once its map stage has run.
 */
public final class UnionRdd<T> extends Rdd<T> {
    private final List<Rdd<T>> parents;
    private volatile int[] starts;

    public UnionRdd(List<Rdd<T>> parents) {
        this.parents = List.copyOf(parents);
    }

    private int[] starts() {
        int[] s = starts;
        if (s == null) {
            s = new int[parents.size() + 1];
            for (int i = 0; i < parents.size(); i++) {
                s[i + 1] = s[i] + parents.get(i).numPartitions();
            }
            starts = s;
        }
        return s;
    }

    @Override
    public int numPartitions() {
        return starts()[parents.size()];
    }

    @Override
    public List<Dependency<?>> dependencies() {
        List<Dependency<?>> deps = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            int parent = i;
            deps.add(new NarrowDependency<>(parents.get(i)) {
                @Override
                public int[] parents(int partition) {
                    int[] s = starts();
                    return partition >= s[parent] && partition < s[parent + 1]
                            ? new int[] {partition - s[parent]} : new int[0];
                }

                @Override
                public String toString() {
                    return "Range(" + rdd().id() + ")";
                }
            });
        }
        return deps;
    }

    private int parentOf(int partition) {
        int[] s = starts();
        int i = 0;
        while (s[i + 1] <= partition) {
            i++;
        }
        return i;
    }

    @Override
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        int i = parentOf(partition);
        return parents.get(i).iterator(partition - starts()[i], ctx);
    }

    @Override
    public List<Integer> preferredExecutors(int partition) {
        int i = parentOf(partition);
        return parents.get(i).preferredExecutors(partition - starts()[i]);
    }
}
