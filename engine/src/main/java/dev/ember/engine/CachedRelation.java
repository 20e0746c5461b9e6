package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import dev.ember.common.config.EmberConf;
import dev.ember.optimizer.physical.Estimate;
import dev.ember.physical.exec.CachedSource;
import dev.ember.physical.exec.PlanCompiler;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.storage.CacheStatus;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One cached query result, as Spark's {@code CachedData}: the plan it stands for, the storage
 * level, and the persisted Rdd compiled from that plan. The Rdd's own job context stays open
 * while the relation is cached, so the shuffle outputs in its lineage survive: recomputing a
 * lost partition reruns only that partition's tasks, not the whole plan.
 */
public final class CachedRelation implements CachedSource {
    private final String name;
    private final QueryExecution execution;
    private final StorageLevel level;
    private final BufferAllocator sessionAllocator;
    private final EmberConf conf;
    private final java.util.function.Supplier<LocalCluster> currentCluster;
    private LocalCluster cluster;
    private JobContext job;
    private Rdd<ColumnBatch> rdd;

    CachedRelation(String name, QueryExecution execution, StorageLevel level, BufferAllocator sessionAllocator,
                   EmberConf conf, java.util.function.Supplier<LocalCluster> currentCluster) {
        this.currentCluster = currentCluster;
        this.name = name;
        this.execution = execution;
        this.level = level;
        this.sessionAllocator = sessionAllocator;
        this.conf = conf;
    }

    @Override
    public String name() {
        return name;
    }

    public StorageLevel level() {
        return level;
    }

    public QueryExecution execution() {
        return execution;
    }

    @Override
    public Schema schema() {
        return execution.schema();
    }

    @Override
    public synchronized int numPartitions() {
        // The planner decides exchanges from this: it must be the real count, so compile now.
        return rdd(currentCluster.get()).numPartitions();
    }

    @Override
    public TableStatistics statistics() {
        Estimate e = execution.physical().estimates().get(execution.physical().root());
        return e == null ? TableStatistics.of(1000, 1L << 20, false) : TableStatistics.of(e.rows(), (long) e.bytes(), false);
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        throw new IllegalStateException("cached relation " + name + " is read through its Rdd, not opened");
    }

    @Override
    public synchronized Rdd<ColumnBatch> rdd(LocalCluster c) {
        if (rdd == null || cluster != c) {
            // First use, or the session's cluster was rebuilt: the old blocks went with it.
            release();
            JobContext j = new JobContext(conf, sessionAllocator.newChildAllocator("cache-" + name, 0, Long.MAX_VALUE));
            try {
                Rdd<ColumnBatch> compiled = new PlanCompiler(c, j).compile(execution.physical().root());
                compiled.setName("Cached " + name);
                compiled.persist(level);
                rdd = compiled;
                job = j;
                cluster = c;
            } catch (RuntimeException e) {
                j.close();
                throw e;
            }
        }
        return rdd;
    }

    /** Where the partitions are now (all missing before the first use of a LAZY cache). */
    public synchronized CacheStatus status() {
        LocalCluster c = currentCluster.get();
        return c.blockManagerMaster().status(rdd(c));
    }

    /** The persisted Rdd if compiled (for lineage printing and tests), else null. */
    public synchronized Rdd<ColumnBatch> compiledRdd() {
        return rdd;
    }

    /** Frees the cached blocks and the shuffle outputs of the plan; the next use recomputes. */
    public synchronized void release() {
        if (rdd != null) {
            rdd.unpersist();
            rdd = null;
        }
        if (job != null) {
            job.close();
            job = null;
        }
        cluster = null;
    }

    @Override
    public String toString() {
        return "CachedRelation(" + name + ", " + level + ")";
    }
}
