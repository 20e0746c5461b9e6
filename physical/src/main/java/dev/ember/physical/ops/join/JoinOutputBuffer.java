package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.RowCopier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Fills a hash join's output batches to {@code batchSize} rows across probe batches, as
 * DataFusion's CoalesceBatches does after a selective operator. A selective join emitted one
 * small batch per probe batch (Q5: 1,480 batches of 5 rows on average after its third join),
 * and each small batch cost its allocations and every downstream operator's per-batch work;
 * the pairs are now written straight into the open batch at its current row, so no row is
 * copied twice.
 */
final class JoinOutputBuffer implements AutoCloseable {
    private final Schema schema;
    private final RowCopier.Layout[] layouts;
    private final BufferAllocator allocator;
    private final int batchSize;
    private FieldVector[] open;
    private int rows;

    JoinOutputBuffer(Schema schema, BufferAllocator allocator, int batchSize) {
        this.schema = schema;
        this.allocator = allocator;
        this.batchSize = batchSize;
        this.layouts = new RowCopier.Layout[schema.size()];
        for (int c = 0; c < layouts.length; c++) {
            layouts[c] = RowCopier.layout(schema.type(c));
        }
    }

    /** Rows the open batch can still take. */
    int room() {
        ensureOpen();
        return batchSize - rows;
    }

    boolean isFull() {
        return rows == batchSize;
    }

    /**
     * Appends {@code n <= room()} joined pairs: probe rows {@code probeRows[from..from+n)} of
     * {@code probe} and build rows {@code buildRefs[from..from+n)}, in left ++ right column order.
     */
    void appendPairs(ColumnBatch probe, boolean probeIsLeft, int leftColumns, int[] probeRows, BuildColumns build,
                     long[] buildRefs, int from, int n) {
        ensureOpen();
        int probeBase = probeIsLeft ? 0 : schema.size() - probe.columnCount();
        int buildBase = probeIsLeft ? leftColumns : 0;
        for (int c = 0; c < open.length; c++) {
            boolean isProbe = (c < leftColumns) == probeIsLeft;
            if (isProbe) {
                RowCopier.append(probe.vector(c - probeBase), layouts[c], probeRows, from, n, open[c], rows);
            } else {
                RowGather.gatherInto(open[c], rows, build, c - buildBase, schema.type(c), buildRefs, from, n);
            }
        }
        rows += n;
    }

    /** Appends {@code n <= room()} rows {@code sel[from..from+n)} of {@code src}, which has this buffer's columns. */
    void appendRows(ColumnBatch src, int[] sel, int from, int n) {
        ensureOpen();
        for (int c = 0; c < open.length; c++) {
            RowCopier.append(src.vector(c), layouts[c], sel, from, n, open[c], rows);
        }
        rows += n;
    }

    /** The open batch, if it has rows (the caller owns it); null otherwise. */
    ColumnBatch seal() {
        if (open == null || rows == 0) {
            return null;
        }
        for (FieldVector v : open) {
            v.setValueCount(rows);
        }
        ColumnBatch b = new ColumnBatch(schema, open, rows);
        open = null;
        rows = 0;
        return b;
    }

    private void ensureOpen() {
        if (open != null) {
            return;
        }
        FieldVector[] vs = new FieldVector[schema.size()];
        try {
            for (int c = 0; c < vs.length; c++) {
                vs[c] = Vectors.allocate(schema.field(c).name(), schema.type(c), allocator, batchSize);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(vs);
            throw e;
        }
        open = vs;
        rows = 0;
    }

    @Override
    public void close() {
        if (open != null) {
            Vectors.closeAll(open);
            open = null;
        }
    }
}
