package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.memory.MemoryBudget;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.spill.HashSpillPartitioner;
import dev.ember.physical.spill.SpillFile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * A shuffled hash join that stays within its memory share. The build side is held until it
 * outgrows the task's share; then both sides are split by a hash of the join keys into
 * {@value HashSpillPartitioner#FANOUT} file pairs on disk and each pair is joined on its own (the
 * grace hash join), re-splitting a pair that is still too big with another hash. Every key lands
 * in one pair, so inner, outer, semi and anti joins and residual conditions keep their meaning
 * per pair. NOT IN (null-aware anti) depends on the whole build side (any NULL, emptiness), so it
 * never splits.
 */
public final class GraceHashJoin {
    private static final int MAX_LEVEL = 2;

    /** What a join needs besides its two inputs. */
    public record Spec(JoinType type, BuildSide buildSide, int[] buildKeys, int[] probeKeys, Schema buildSchema,
                       Schema probeSchema, Supplier<VectorExpr> residual, Schema outSchema, Schema leftSchema,
                       Schema rightSchema, OperatorMetrics metrics, int batchSize) {
    }

    private GraceHashJoin() {
    }

    /** Joins probe with build (both borrowed iterators, closed by the returned iterator). */
    public static CloseableIterator<ColumnBatch> join(CloseableIterator<ColumnBatch> probe,
                                                      CloseableIterator<ColumnBatch> build, Spec spec,
                                                      TaskContext ctx) {
        return join(probe, build, spec, ctx, 0);
    }

    private static CloseableIterator<ColumnBatch> join(CloseableIterator<ColumnBatch> probe,
                                                       CloseableIterator<ColumnBatch> build, Spec spec,
                                                       TaskContext ctx, int level) {
        boolean maySpill = spec.type() != JoinType.NULL_AWARE_ANTI && level <= MAX_LEVEL;
        List<ColumnBatch> held = new ArrayList<>();
        long bytes = 0;
        boolean spill = false;
        try (build) {
            while (build.hasNext()) {
                ctx.checkCancelled();
                ColumnBatch b = build.next();
                if (b.rowCount() == 0) {
                    continue;
                }
                held.add(b.copy(ctx.allocator()));
                bytes += b.sizeInBytes();
                // The hash table roughly doubles what the rows take while it is built.
                if (maySpill && MemoryBudget.shouldSpill(ctx, 2 * bytes)) {
                    spill = true;
                    break;
                }
            }
            if (!spill) {
                HashedRelation relation;
                try {
                    relation = HashedRelation.build(consuming(held), spec.buildSchema(), spec.buildKeys(),
                            ctx.allocator(), spec.batchSize());
                } finally {
                    closeAll(held);
                }
                spec.metrics().recordMemory(relation.memoryBytes());
                HashJoinProbeOp op;
                try {
                    op = new HashJoinProbeOp(probe, relation, spec.type(), spec.buildSide(), spec.probeKeys(),
                            spec.residual().get(), spec.outSchema(), spec.leftSchema(), spec.rightSchema(), ctx,
                            spec.metrics(), spec.batchSize());
                } catch (RuntimeException e) {
                    relation.close();
                    throw e;
                }
                return CloseableIterator.of(op, () -> {
                    op.close();
                    relation.close();
                });
            }
            SpillFile[] buildFiles;
            try (HashSpillPartitioner parts = new HashSpillPartitioner(ctx, spec.buildSchema(), spec.buildKeys(), level,
                    "join-build")) {
                for (ColumnBatch b : held) {
                    parts.write(b);
                }
                closeAll(held);
                while (build.hasNext()) {
                    ctx.checkCancelled();
                    parts.write(build.next());
                }
                buildFiles = parts.finish();
                spilled(ctx, spec, parts.bytesWritten());
            }
            SpillFile[] probeFiles;
            try (probe; HashSpillPartitioner parts = new HashSpillPartitioner(ctx, spec.probeSchema(), spec.probeKeys(),
                    level, "join-probe")) {
                while (probe.hasNext()) {
                    ctx.checkCancelled();
                    parts.write(probe.next());
                }
                probeFiles = parts.finish();
                spilled(ctx, spec, parts.bytesWritten());
            }
            return new Pairs(buildFiles, probeFiles, spec, ctx, level);
        } catch (RuntimeException e) {
            closeAll(held);
            probe.close();
            throw e;
        }
    }

    /**
     * The held batches one at a time, each freed as soon as the relation has copied it: holding
     * them all until the relation is built kept the build side in memory twice (and a build side
     * just under the spill threshold then overran the memory limit).
     */
    private static Iterator<ColumnBatch> consuming(List<ColumnBatch> held) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next > 0 && held.get(next - 1) != null) {
                    held.get(next - 1).close();
                    held.set(next - 1, null);
                }
                return next < held.size();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return held.get(next++);
            }
        };
    }

    private static void closeAll(List<ColumnBatch> held) {
        for (ColumnBatch b : held) {
            if (b != null) {
                b.close();
            }
        }
        held.clear();
    }

    private static void spilled(TaskContext ctx, Spec spec, long bytes) {
        spec.metrics().bytesSpilled.add(bytes);
        spec.metrics().spills.increment();
        ctx.metrics().bytesSpilled += bytes;
    }

    /** Joins the spilled file pairs one after the other. */
    private static final class Pairs implements CloseableIterator<ColumnBatch> {
        private final SpillFile[] build;
        private final SpillFile[] probe;
        private final Spec spec;
        private final TaskContext ctx;
        private final int level;
        private int next;
        private CloseableIterator<ColumnBatch> current;

        Pairs(SpillFile[] build, SpillFile[] probe, Spec spec, TaskContext ctx, int level) {
            this.build = build;
            this.probe = probe;
            this.spec = spec;
            this.ctx = ctx;
            this.level = level;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                closeCurrent();
                if (next >= build.length) {
                    return false;
                }
                int p = next++;
                current = join(probe[p].read(ctx.allocator()), build[p].read(ctx.allocator()), spec, ctx, level + 1);
            }
            return true;
        }

        @Override
        public ColumnBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
                build[next - 1].delete();
                probe[next - 1].delete();
            }
        }

        @Override
        public void close() {
            closeCurrent();
            for (int p = next; p < build.length; p++) {
                build[p].delete();
                probe[p].delete();
            }
        }
    }
}
