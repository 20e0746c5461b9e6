package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.memory.LongArray;
import dev.ember.physical.ops.KeyEncoder;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * Streams the probe side of a hash join against a {@link HashedRelation}. Matching is by
 * encoded key; candidate (probe row, build row) pairs are then tested by the residual
 * condition over (left ++ right) columns. The probe side's unmatched rows are emitted as they
 * go (outer joins preserving it; anti joins); when the build side must be matched against the
 * whole probe input (it is preserved, or a semi/anti join builds its left side) build rows are
 * marked and emitted when the probe side is exhausted — only valid when this task sees every
 * probe row for its keys (a shuffle join).
 */
public final class HashJoinProbeOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> probe;
    private final HashedRelation relation;
    private final JoinType type;
    private final BuildSide buildSide;
    private final int[] probeKeys;
    private final VectorExpr residual;
    private final Schema outSchema;
    private final Schema leftSchema;
    private final Schema rightSchema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final KeyEncoder encoder;
    private final EvalScratch scratch;
    private final boolean probeIsLeft;
    private final boolean emitsPairs;
    private final boolean probePreserved;
    private final boolean markBuild;
    private final LongArray buildMatched;
    private final Deque<ColumnBatch> pending = new ArrayDeque<>();
    /** Joined pairs (without a residual) and kept probe rows, written into full batches. */
    private final JoinOutputBuffer output;
    private ColumnBatch current;
    private boolean probeDone;
    private int nextBuildBatch;
    private int[] pairProbe;
    private long[] pairBuild;
    private int pairCount;
    private boolean[] probeMatched = new boolean[0];
    private long[] firstRefs = new long[0];
    private boolean[] probeNull = new boolean[0];
    private long[] keyScratch = new long[0];
    private int[] rowScratch = new int[0];

    public HashJoinProbeOp(CloseableIterator<ColumnBatch> probe, HashedRelation relation, JoinType type,
                           BuildSide buildSide, int[] probeKeys, VectorExpr residual, Schema outSchema,
                           Schema leftSchema, Schema rightSchema, TaskContext ctx, OperatorMetrics metrics,
                           int batchSize) {
        this.probe = probe;
        this.relation = relation;
        this.type = type;
        this.buildSide = buildSide;
        this.probeKeys = probeKeys;
        this.residual = residual;
        this.outSchema = outSchema;
        this.leftSchema = leftSchema;
        this.rightSchema = rightSchema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.probeIsLeft = buildSide == BuildSide.RIGHT;
        this.emitsPairs = type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.RIGHT || type == JoinType.FULL;
        this.probePreserved = type == JoinType.FULL || (probeIsLeft ? type == JoinType.LEFT : type == JoinType.RIGHT);
        boolean buildPreserved = type == JoinType.FULL || (probeIsLeft ? type == JoinType.RIGHT : type == JoinType.LEFT);
        boolean buildSideSemi = !probeIsLeft && type.leftOnly();
        this.markBuild = buildPreserved || buildSideSemi;
        if (type == JoinType.NULL_AWARE_ANTI && (!probeIsLeft || residual != null)) {
            throw new IllegalArgumentException("NOT IN joins build the right side and have no residual condition");
        }
        this.buildMatched = markBuild ? new LongArray(ctx.allocator(), Math.max(16, relation.rowCount())) : null;
        DataType[] kt = new DataType[probeKeys.length];
        Schema probeSchema = probeIsLeft ? leftSchema : rightSchema;
        for (int i = 0; i < kt.length; i++) {
            kt[i] = probeSchema.type(probeKeys[i]);
        }
        this.encoder = new KeyEncoder(kt, ctx.allocator());
        this.scratch = new EvalScratch(ctx.allocator());
        this.pairProbe = new int[batchSize];
        this.pairBuild = new long[batchSize];
        this.output = new JoinOutputBuffer(outSchema, ctx.allocator(), batchSize);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (probeDone && (!markBuild || nextBuildBatch >= relation.batches().size())) {
                return false;
            }
            long start = System.nanoTime();
            if (probeDone) {
                emitBuildSide(nextBuildBatch++);
            } else if (probe.hasNext()) {
                ColumnBatch b = probe.next();
                ctx.checkCancelled();
                probeBatch(b);
            } else {
                ColumnBatch last = output.seal();
                if (last != null) {
                    pending.add(last);
                }
                probeDone = true;
            }
            metrics.nanos.add(System.nanoTime() - start);
        }
        return true;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null) {
            current.close();
        }
        current = pending.poll();
        metrics.outputRows.add(current.rowCount());
        metrics.outputBatches.increment();
        return current;
    }

    private void probeBatch(ColumnBatch b) {
        int n = b.rowCount();
        if (n == 0) {
            return;
        }
        if (type == JoinType.NULL_AWARE_ANTI) {
            nullAwareAnti(b);
            return;
        }
        if (probeMatched.length < n) {
            probeMatched = new boolean[n];
            firstRefs = new long[n];
        }
        java.util.Arrays.fill(probeMatched, 0, n, false);
        lookup(b, n);
        boolean existenceOnly = !emitsPairs && !markBuild && residual == null;
        for (int i = 0; i < n; i++) {
            long ref = firstRefs[i];
            if (existenceOnly) {
                probeMatched[i] = ref != 0;
                continue;
            }
            while (ref != 0) {
                pairProbe[pairCount] = i;
                pairBuild[pairCount] = ref - 1;
                if (++pairCount == pairProbe.length) {
                    processPairs(b);
                }
                ref = relation.nextMatch(ref);
            }
        }
        processPairs(b);
        switch (type) {
            case SEMI, ANTI -> {
                if (probeIsLeft) {
                    emitProbeRows(b, type == JoinType.SEMI, false);
                }
            }
            default -> {
                if (probePreserved) {
                    emitProbeRows(b, false, true);
                }
            }
        }
    }

    /**
     * Fills {@code firstRefs[i]} with the first build row (+1) matching probe row i, or 0, and
     * {@code probeNull[i]} with whether its key has a NULL (which matches nothing).
     */
    private void lookup(ColumnBatch b, int n) {
        if (firstRefs.length < n) {
            firstRefs = new long[n];
        }
        if (probeNull.length < n) {
            probeNull = new boolean[n];
        }
        if (relation.isLongKeyed()) {
            if (keyScratch.length < n) {
                keyScratch = new long[n];
                rowScratch = new int[n];
            }
            relation.probeLongs(b.vector(probeKeys[0]), n, keyScratch, rowScratch, firstRefs, probeNull);
            return;
        }
        if (relation.isPairKeyed()) {
            relation.probePairs(b.vector(probeKeys[0]), b.vector(probeKeys[1]), n, firstRefs, probeNull);
            return;
        }
        FieldVector[] kv = new FieldVector[probeKeys.length];
        for (int k = 0; k < kv.length; k++) {
            kv[k] = b.vector(probeKeys[k]);
        }
        encoder.encode(kv, n);
        for (int i = 0; i < n; i++) {
            probeNull[i] = encoder.anyNull(i);
            firstRefs[i] = probeNull[i] ? 0 : relation.firstMatch(encoder.hash(i), encoder.address(i), encoder.length(i));
        }
    }

    /** Tests the collected pairs and emits/marks the ones that join. */
    private void processPairs(ColumnBatch probeBatch) {
        int count = pairCount;
        if (count == 0) {
            return;
        }
        pairCount = 0;
        if (residual == null && emitsPairs) {
            for (int k = 0; k < count; k++) {
                probeMatched[pairProbe[k]] = true;
                if (markBuild) {
                    buildMatched.set(pairBuild[k], 1);
                }
            }
            int from = 0;
            while (from < count) {
                int n = Math.min(count - from, output.room());
                output.appendPairs(probeBatch, probeIsLeft, leftSchema.size(), pairProbe, relation.columns(), pairBuild,
                        from, n);
                from += n;
                sealIfFull();
            }
            return;
        }
        ColumnBatch pairs = null;
        int[] pass = null;
        int passCount = count;
        if (residual != null || emitsPairs) {
            pairs = pairBatch(probeBatch, pairProbe, pairBuild, count);
        }
        try {
            if (residual != null) {
                FieldVector cond = residual.eval(pairs, scratch);
                pass = new int[count];
                passCount = 0;
                long da = cond.getDataBuffer().memoryAddress();
                boolean allValid = cond.getNullCount() == 0;
                for (int k = 0; k < count; k++) {
                    if (Bits.isSet(da, k) && (allValid || !cond.isNull(k))) {
                        pass[passCount++] = k;
                    }
                }
                scratch.release();
            }
            for (int j = 0; j < passCount; j++) {
                int k = pass == null ? j : pass[j];
                probeMatched[pairProbe[k]] = true;
                if (markBuild) {
                    buildMatched.set(pairBuild[k], 1);
                }
            }
            if (emitsPairs && passCount > 0) {
                if (passCount == count) {
                    pending.add(pairs);
                    pairs = null;
                } else {
                    pending.add(select(pairs, pass, passCount));
                }
            }
        } finally {
            if (pairs != null) {
                pairs.close();
            }
        }
    }

    /** The pairs as rows of left ++ right columns (the join's full output layout). */
    private ColumnBatch pairBatch(ColumnBatch probeBatch, int[] probeIdx, long[] buildRefs, int count) {
        int lc = leftSchema.size();
        int rc = rightSchema.size();
        FieldVector[] out = new FieldVector[lc + rc];
        try {
            for (int c = 0; c < lc + rc; c++) {
                boolean isLeft = c < lc;
                int col = isLeft ? c : c - lc;
                DataType t = isLeft ? leftSchema.type(col) : rightSchema.type(col);
                if (isLeft == probeIsLeft) {
                    out[c] = RowGather.gatherProbe(probeBatch.vector(col), t, probeIdx, count, ctx.allocator());
                } else {
                    out[c] = RowGather.gather(relation.columns(), col, t, buildRefs, count, ctx.allocator());
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return new ColumnBatch(leftSchema.concat(rightSchema), out, count);
    }

    private ColumnBatch select(ColumnBatch b, int[] sel, int count) {
        FieldVector[] out = new FieldVector[b.columnCount()];
        try {
            for (int c = 0; c < out.length; c++) {
                out[c] = Vectors.allocate("_", b.schema().type(c), ctx.allocator(), count);
                RowCopier.gather(b.vector(c), RowCopier.layout(b.schema().type(c)), sel, count, out[c]);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return new ColumnBatch(outSchema, out, count);
    }

    /** Emits probe rows: matched (semi) or unmatched (anti, or outer with NULL build columns). */
    private void emitProbeRows(ColumnBatch b, boolean matched, boolean padWithNulls) {
        int n = b.rowCount();
        int[] sel = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (probeMatched[i] == matched) {
                sel[count++] = i;
            }
        }
        if (count == 0) {
            return;
        }
        if (!padWithNulls) {
            keep(b, sel, count);
            return;
        }
        pending.add(withNullSide(b, sel, count, true));
    }

    /** Rows of one side with NULLs for the other side's columns, in left ++ right order. */
    private ColumnBatch withNullSide(ColumnBatch src, int[] sel, int count, boolean srcIsProbe) {
        boolean srcIsLeft = srcIsProbe == probeIsLeft;
        int lc = leftSchema.size();
        int rc = rightSchema.size();
        FieldVector[] out = new FieldVector[lc + rc];
        try {
            for (int c = 0; c < lc + rc; c++) {
                boolean isLeft = c < lc;
                int col = isLeft ? c : c - lc;
                DataType t = isLeft ? leftSchema.type(col) : rightSchema.type(col);
                if (isLeft == srcIsLeft) {
                    out[c] = Vectors.allocate("_", t, ctx.allocator(), count);
                    RowCopier.gather(src.vector(col), RowCopier.layout(t), sel, count, out[c]);
                } else {
                    out[c] = Vectors.nulls("_", t, ctx.allocator(), count);
                }
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return new ColumnBatch(outSchema, out, count);
    }

    private void nullAwareAnti(ColumnBatch b) {
        int n = b.rowCount();
        if (relation.isEmpty()) {
            keep(b, null, n);
            return;
        }
        if (relation.hasNullKey()) {
            return;
        }
        lookup(b, n);
        int[] sel = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!probeNull[i] && firstRefs[i] == 0) {
                sel[count++] = i;
            }
        }
        if (count > 0) {
            keep(b, sel, count);
        }
    }

    /** Emits probe rows {@code sel[0..count)} (all rows 0..count when sel is null) as they are, in full batches. */
    private void keep(ColumnBatch b, int[] sel, int count) {
        int from = 0;
        while (from < count) {
            int n = Math.min(count - from, output.room());
            output.appendRows(b, sel, from, n);
            from += n;
            sealIfFull();
        }
    }

    private void sealIfFull() {
        if (output.isFull()) {
            pending.add(output.seal());
        }
    }

    /**
     * After the probe input, for build batch {@code index}: its rows matched (semi), unmatched
     * (anti) or unmatched padded with NULLs (outer). One build batch at a time, as the consumer
     * asks: emitting them all at once held a second copy of the build side.
     */
    private void emitBuildSide(int index) {
        boolean wantMatched = type == JoinType.SEMI;
        boolean pad = !type.leftOnly();
        int bs = relation.batchSize();
        long base = (long) index * bs;
        ColumnBatch b = relation.batches().get(index);
        int n = b.rowCount();
        int[] sel = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean m = buildMatched.get(base + i) != 0;
            if (m == wantMatched) {
                sel[count++] = i;
            }
        }
        if (count > 0) {
            pending.add(pad ? withNullSide(b, sel, count, false) : select(b, sel, count));
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
        pending.forEach(ColumnBatch::close);
        pending.clear();
        output.close();
        encoder.close();
        scratch.close();
        if (buildMatched != null) {
            buildMatched.close();
        }
        probe.close();
    }
}
