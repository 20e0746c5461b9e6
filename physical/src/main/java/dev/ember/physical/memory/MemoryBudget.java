package dev.ember.physical.memory;

import dev.ember.common.config.EmberConf;
import dev.ember.physical.scheduler.TaskContext;

/**
 * When an operator that grows (sort buffer, aggregation table, join build side, shuffle buffers)
 * should spill instead of allocating more. Half of {@code ember.memory.limit} is shared by the
 * task slots (as Spark's execution pool is shared by running tasks); the other half is left to
 * what outlives a task: shuffle blocks held for reducers, broadcast relations and results. An
 * operator also spills, whatever its share, when less than a quarter of the limit is left.
 */
public final class MemoryBudget {
    /** Below this an operator never spills: spill files of a few rows cost more than they save. */
    public static final long MIN_SPILL_BYTES = 1L << 20;

    private MemoryBudget() {
    }

    /** One task's fair share of execution memory. */
    public static long taskShare(TaskContext ctx) {
        long limit = ctx.conf().get(EmberConf.MEMORY_LIMIT);
        long slots = (long) ctx.conf().get(EmberConf.EXECUTOR_INSTANCES) * ctx.conf().get(EmberConf.EXECUTOR_CORES);
        return Math.max(MIN_SPILL_BYTES, limit / (2 * Math.max(1, slots)));
    }

    /**
     * What one executor may keep in memory of the shuffle outputs it stores for reducers (a quarter
     * of the limit, shared by the executors); map outputs beyond it are written to disk.
     */
    public static long shuffleShare(TaskContext ctx) {
        long limit = ctx.conf().get(EmberConf.MEMORY_LIMIT);
        return Math.max(MIN_SPILL_BYTES, limit / (4L * Math.max(1, ctx.conf().get(EmberConf.EXECUTOR_INSTANCES))));
    }

    /** Whether an operator holding {@code bytes} should spill now. */
    public static boolean shouldSpill(TaskContext ctx, long bytes) {
        if (bytes < MIN_SPILL_BYTES) {
            return false;
        }
        if (bytes > taskShare(ctx)) {
            return true;
        }
        long limit = ctx.conf().get(EmberConf.MEMORY_LIMIT);
        return ctx.allocator().getHeadroom() < limit / 4;
    }
}
