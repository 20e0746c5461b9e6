package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.Executor;
import dev.ember.physical.scheduler.FetchFailedException;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.shuffle.MapStatus;
import dev.ember.physical.shuffle.ShuffleBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * The reduce side of a shuffle: partition r is block r of every map output, fetched from the
 * executor that wrote it. Items are borrowed from the block store (never copied).
 */
public final class ShuffledRdd<T> extends Rdd<T> {
    private final ShuffleDependency<T> dependency;
    private final LocalCluster cluster;

    public ShuffledRdd(ShuffleDependency<T> dependency, LocalCluster cluster) {
        this.dependency = dependency;
        this.cluster = cluster;
        setName("ShuffleRead#" + dependency.shuffleId());
    }

    public ShuffleDependency<T> dependency() {
        return dependency;
    }

    @Override
    public int numPartitions() {
        return dependency.numReducePartitions();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of(dependency);
    }

    /** The blocks of reduce partition {@code r}, one per map task, or a fetch failure. */
    public List<ShuffleBlock> fetch(int r) {
        int shuffleId = dependency.shuffleId();
        MapStatus[] statuses = cluster.mapOutputs().statuses(shuffleId);
        List<ShuffleBlock> blocks = new ArrayList<>(statuses == null ? 0 : statuses.length);
        if (statuses == null) {
            throw new FetchFailedException(shuffleId, 0, "shuffle " + shuffleId + " has no outputs");
        }
        for (int m = 0; m < statuses.length; m++) {
            MapStatus s = statuses[m];
            if (s == null) {
                throw new FetchFailedException(shuffleId, m, "map output " + m + " of shuffle " + shuffleId + " is missing");
            }
            Executor e = cluster.executor(s.executorId());
            ShuffleBlock b = e.shuffleStore().get(shuffleId, m, r);
            if (b == null) {
                throw new FetchFailedException(shuffleId, m, "map output " + m + " of shuffle " + shuffleId
                        + " was lost with " + e);
            }
            blocks.add(b);
        }
        return blocks;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        List<T> items = new ArrayList<>();
        long bytes = 0;
        for (ShuffleBlock b : fetch(partition)) {
            for (Object o : b.items()) {
                items.add((T) o);
            }
            bytes += b.bytes();
        }
        ctx.metrics().shuffleBytesRead += bytes;
        return CloseableIterator.of(items);
    }
}
