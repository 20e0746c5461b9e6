package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partitioned, immutable dataset defined by how to compute each partition from its parents:
 * the graph of Rdds and their dependencies is the lineage. SQL and DataFrame plans compile to
 * {@code Rdd<ColumnBatch>}; the typed API exposes {@code Rdd<T>} of user objects. Computing a
 * partition is a task; the scheduler splits the graph into stages at shuffle dependencies.
 */
public abstract class Rdd<T> {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final int id = NEXT_ID.getAndIncrement();
    private volatile String name;
    private volatile StorageLevel storageLevel = StorageLevel.NONE;
    private volatile CheckpointData checkpoint;
    private final Set<RddBlockHolder> holders = ConcurrentHashMap.newKeySet();

    public final int id() {
        return id;
    }

    public abstract int numPartitions();

    public abstract List<Dependency<?>> dependencies();

    /**
     * The dependencies the scheduler and lineage printing follow: none once the Rdd is
     * checkpointed (its partitions come from the checkpoint files), else {@link #dependencies}.
     */
    public final List<Dependency<?>> lineageDependencies() {
        return checkpoint instanceof CheckpointData.Written ? List.of() : dependencies();
    }

    // ---------------------------------------------------------------- persistence

    /** Keeps computed partitions in the executors' block managers at {@code level}. */
    public Rdd<T> persist(StorageLevel level) {
        if (level == StorageLevel.NONE) {
            throw new IllegalArgumentException("persist needs a storage level; use unpersist() to stop caching");
        }
        if (storageLevel != StorageLevel.NONE && storageLevel != level) {
            throw new IllegalStateException(this + " is already persisted at " + storageLevel
                    + "; unpersist it before changing the level to " + level);
        }
        storageLevel = level;
        return this;
    }

    /** {@code persist(MEMORY_ONLY)}, as Spark's {@code RDD.cache()}. */
    public Rdd<T> cache() {
        return persist(StorageLevel.MEMORY_ONLY);
    }

    /** Stops caching and frees every stored partition of this Rdd. */
    public Rdd<T> unpersist() {
        storageLevel = StorageLevel.NONE;
        for (RddBlockHolder h : holders) {
            h.removeRdd(id);
        }
        holders.clear();
        return this;
    }

    public StorageLevel storageLevel() {
        return storageLevel;
    }

    /** Called by a block store when it keeps a partition of this Rdd. */
    public void storedIn(RddBlockHolder holder) {
        holders.add(holder);
    }

    // ---------------------------------------------------------------- checkpointing

    /**
     * Asks for this Rdd's partitions to be written under {@code ember.checkpoint.dir} after the
     * next job that computes it; from then on its lineage is cut (recovery reads the files).
     */
    public Rdd<T> checkpoint() {
        if (checkpoint == null) {
            checkpoint = new CheckpointData.Marked();
        }
        return this;
    }

    public boolean isCheckpointed() {
        return checkpoint instanceof CheckpointData.Written;
    }

    public CheckpointData checkpointData() {
        return checkpoint;
    }

    /** Records that the checkpoint files are written: the lineage is cut from here on. */
    public void checkpointWritten(CheckpointData.Written written) {
        if (written.files().size() != numPartitions()) {
            throw new IllegalArgumentException("checkpoint of " + this + " has " + written.files().size()
                    + " files for " + numPartitions() + " partitions");
        }
        checkpoint = written;
    }

    // ---------------------------------------------------------------- lineage

    /**
     * The lineage as Spark prints it: one line per Rdd with its partition count, indented one
     * level per shuffle (a stage boundary, marked {@code +-}), cached and checkpointed Rdds marked.
     */
    public String toDebugString() {
        StringBuilder sb = new StringBuilder();
        debug(this, "", true, sb, new IdentityHashMap<>());
        return sb.toString();
    }

    private static void debug(Rdd<?> rdd, String prefix, boolean stageStart, StringBuilder sb,
                              Map<Rdd<?>, Boolean> seen) {
        sb.append(prefix);
        sb.append(stageStart ? "(" + rdd.numPartitions() + ") " : " |  ");
        sb.append(rdd);
        if (rdd.storageLevel != StorageLevel.NONE) {
            sb.append(" [cached ").append(rdd.storageLevel).append(']');
        }
        if (rdd.checkpoint instanceof CheckpointData.Written w) {
            sb.append(" [checkpointed ").append(w.dir()).append(']');
        } else if (rdd.checkpoint instanceof CheckpointData.Marked) {
            sb.append(" [checkpoint pending]");
        }
        if (seen.put(rdd, Boolean.TRUE) != null) {
            sb.append(" (shown above)\n");
            return;
        }
        sb.append('\n');
        for (Dependency<?> d : new ArrayList<>(rdd.lineageDependencies())) {
            switch (d) {
                // A narrow parent runs in the same stage: same indentation.
                case NarrowDependency<?> n -> debug(n.rdd(), prefix, false, sb, seen);
                // A shuffle parent is another stage: indented one level.
                case ShuffleDependency<?> s -> {
                    sb.append(prefix).append(" +-").append(s).append('\n');
                    debug(s.rdd(), prefix + "    ", true, sb, seen);
                }
            }
        }
    }

    /** Computes one partition from the parents' iterators. Called by {@link #iterator}. */
    protected abstract CloseableIterator<T> compute(int partition, TaskContext ctx);

    /**
     * The partition's data: from the block store when it is cached or checkpointed, else
     * computed (and stored, if this Rdd is persisted). Always call this, never {@code compute}.
     */
    public CloseableIterator<T> iterator(int partition, TaskContext ctx) {
        ctx.checkCancelled();
        return ctx.storage().iterator(this, partition, ctx);
    }

    /** Package-private bridge so storage can call {@link #compute}. */
    public final CloseableIterator<T> computeDirect(int partition, TaskContext ctx) {
        return compute(partition, ctx);
    }

    /** Executors where this partition's data already is (cached blocks), best first. */
    public List<Integer> preferredExecutors(int partition) {
        return List.of();
    }

    public String name() {
        return name != null ? name : getClass().getSimpleName();
    }

    public Rdd<T> setName(String name) {
        this.name = name;
        return this;
    }

    @Override
    public String toString() {
        return name() + "[" + id + "]";
    }
}
