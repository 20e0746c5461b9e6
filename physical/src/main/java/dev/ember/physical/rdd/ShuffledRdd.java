package dev.ember.physical.rdd;

import dev.ember.physical.adaptive.ShufflePartitionSpec;
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
 *
 * <p>An adaptive read decides its partitions at run time: once its map stage has run, the
 * scheduler gives it a list of {@link ShufflePartitionSpec}s (coalesced reducer ranges, pieces
 * of a skewed reducer), and partition i reads spec i. Until then its partition count is not
 * known; asking for it earlier fixes the plain one-per-reducer specs (always correct, never
 * adaptive), so the scheduler decides before anything else asks.
 */
public final class ShuffledRdd<T> extends Rdd<T> {
    private final ShuffleDependency<T> dependency;
    private final LocalCluster cluster;
    private final boolean adaptive;
    private volatile List<ShufflePartitionSpec> specs;

    public ShuffledRdd(ShuffleDependency<T> dependency, LocalCluster cluster) {
        this(dependency, cluster, false);
    }

    public ShuffledRdd(ShuffleDependency<T> dependency, LocalCluster cluster, boolean adaptive) {
        this.dependency = dependency;
        this.cluster = cluster;
        this.adaptive = adaptive;
        setName("ShuffleRead#" + dependency.shuffleId());
    }

    public boolean isAdaptive() {
        return adaptive;
    }

    /** True once the partitions are fixed (always, for a read that is not adaptive). */
    public boolean isDecided() {
        return !adaptive || specs != null;
    }

    /** Fixes the partitions; returns false (and changes nothing) when they were already fixed. */
    public synchronized boolean decide(List<ShufflePartitionSpec> decided) {
        if (!adaptive || specs != null) {
            return false;
        }
        specs = List.copyOf(decided);
        return true;
    }

    /** The adaptive specs, fixing one per reducer when nothing decided them yet; null when not adaptive. */
    private List<ShufflePartitionSpec> specs() {
        List<ShufflePartitionSpec> s = specs;
        if (s == null && adaptive) {
            synchronized (this) {
                if (specs == null) {
                    specs = identity(dependency.numReducePartitions());
                }
                s = specs;
            }
        }
        return s;
    }

    private static List<ShufflePartitionSpec> identity(int n) {
        List<ShufflePartitionSpec> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            out.add(new ShufflePartitionSpec.Coalesced(r, r + 1));
        }
        return out;
    }

    /** What partition {@code partition} reads. */
    public ShufflePartitionSpec spec(int partition) {
        List<ShufflePartitionSpec> s = specs();
        return s == null ? new ShufflePartitionSpec.Coalesced(partition, partition + 1) : s.get(partition);
    }

    public ShuffleDependency<T> dependency() {
        return dependency;
    }

    @Override
    public int numPartitions() {
        List<ShufflePartitionSpec> s = specs();
        return s == null ? dependency.numReducePartitions() : s.size();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of(dependency);
    }

    /**
     * The blocks a spec reads (reducer-major: all maps' blocks of one reducer, then the next, so
     * a coalesced range keeps the order of its reducers), or a fetch failure naming the first
     * missing map output.
     */
    public List<ShuffleBlock> fetch(ShufflePartitionSpec spec) {
        int shuffleId = dependency.shuffleId();
        MapStatus[] statuses = cluster.mapOutputs().statuses(shuffleId);
        if (statuses == null) {
            throw new FetchFailedException(shuffleId, 0, "shuffle " + shuffleId + " has no outputs");
        }
        int startReducer;
        int endReducer;
        int startMap;
        int endMap;
        switch (spec) {
            case ShufflePartitionSpec.Coalesced c -> {
                startReducer = c.startReducer();
                endReducer = c.endReducer();
                startMap = 0;
                endMap = statuses.length;
            }
            case ShufflePartitionSpec.PartialReducer p -> {
                startReducer = p.reducer();
                endReducer = p.reducer() + 1;
                startMap = p.startMap();
                endMap = p.endMap();
            }
        }
        List<ShuffleBlock> blocks = new ArrayList<>((endMap - startMap) * (endReducer - startReducer));
        for (int r = startReducer; r < endReducer; r++) {
            for (int m = startMap; m < endMap; m++) {
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
        }
        return blocks;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected CloseableIterator<T> compute(int partition, TaskContext ctx) {
        List<Object> items = new ArrayList<>();
        long bytes = 0;
        boolean spilled = false;
        for (ShuffleBlock b : fetch(spec(partition))) {
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
