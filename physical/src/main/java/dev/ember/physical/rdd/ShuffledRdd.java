package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.Executor;
import dev.ember.physical.scheduler.FetchFailedException;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.shuffle.MapStatus;
import dev.ember.physical.shuffle.ShuffleBlock;
import dev.ember.physical.spill.SpillFile;

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
        List<Object> items = new ArrayList<>();
        long bytes = 0;
        boolean spilled = false;
        for (ShuffleBlock b : fetch(partition)) {
            for (Object o : b.items()) {
                items.add(o);
                spilled |= o instanceof SpillFile;
            }
            bytes += b.bytes();
        }
        ctx.metrics().shuffleBytesRead += bytes;
        if (!spilled) {
            return CloseableIterator.of((List<T>) (List<?>) items);
        }
        return (CloseableIterator<T>) new SpilledBlocksIterator(items, ctx);
    }

    /**
     * Map outputs partly on disk: in-memory batches are lent as they are, spilled ones are read
     * back one batch at a time into the reducer's memory.
     */
    private static final class SpilledBlocksIterator implements CloseableIterator<Object> {
        private final java.util.Iterator<Object> items;
        private final TaskContext ctx;
        private CloseableIterator<dev.ember.columnar.ColumnBatch> reading;
        // Readers already exhausted; closed at the next next(), since the consumer may still use the last batch lent.
        private final List<CloseableIterator<dev.ember.columnar.ColumnBatch>> finished = new ArrayList<>();
        private Object pending;

        SpilledBlocksIterator(List<Object> items, TaskContext ctx) {
            this.items = items.iterator();
            this.ctx = ctx;
        }

        @Override
        public boolean hasNext() {
            while (true) {
                if (pending != null) {
                    return true;
                }
                if (reading != null) {
                    if (reading.hasNext()) {
                        return true;
                    }
                    finished.add(reading);
                    reading = null;
                }
                if (!items.hasNext()) {
                    return false;
                }
                Object o = items.next();
                if (o instanceof SpillFile f) {
                    reading = f.read(ctx.allocator());
                } else {
                    pending = o;
                }
            }
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            closeFinished();
            if (pending != null) {
                Object o = pending;
                pending = null;
                return o;
            }
            return reading.next();
        }

        private void closeFinished() {
            finished.forEach(CloseableIterator::close);
            finished.clear();
        }

        @Override
        public void close() {
            closeFinished();
            if (reading != null) {
                reading.close();
                reading = null;
            }
        }
    }
}
