package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Fewer partitions without a shuffle: partition i reads a contiguous range of the parent's
 * partitions one after another (Spark's {@code coalesce}). With more partitions asked for than
 * the parent has, the extra ones are empty.
 */
public final class CoalescedRdd<T> extends Rdd<T> {
    private final Rdd<T> parent;
    private final int partitions;

    public CoalescedRdd(Rdd<T> parent, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.parent = parent;
        this.partitions = partitions;
        setName("Coalesce(" + partitions + ")");
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    /** The parent partitions that partition {@code p} reads. */
    int[] parents(int p) {
        int n = parent.numPartitions();
        int from = (int) ((long) n * p / partitions);
        int to = (int) ((long) n * (p + 1) / partitions);
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of(new NarrowDependency<>(parent) {
            @Override
            public int[] parents(int partition) {
                return CoalescedRdd.this.parents(partition);
            }

            @Override
            public String toString() {
                return "Coalesce(" + parent.id() + ")";
            }
        });
    }

    @Override
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        int[] ps = parents(partition);
        return new CloseableIterator<>() {
            private int next;
            private CloseableIterator<T> current = CloseableIterator.empty();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    // The previous parent's batches are borrowed until this call: close it only now.
                    current.close();
                    current = CloseableIterator.empty();
                    if (next >= ps.length) {
                        return false;
                    }
                    current = parent.iterator(ps[next++], ctx);
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            @Override
            public void close() {
                current.close();
            }
        };
    }
}
