package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.rdd.CloseableIterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.NoSuchElementException;

/** Skips {@code offset} rows, then passes at most {@code limit} rows (-1: all), and stops pulling. */
public final class LimitOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final long limit;
    private final BufferAllocator allocator;
    private long toSkip;
    private long passed;
    private ColumnBatch next;
    private ColumnBatch owned;

    public LimitOp(CloseableIterator<ColumnBatch> input, long limit, long offset, BufferAllocator allocator) {
        this.input = input;
        this.limit = limit;
        this.toSkip = offset;
        this.allocator = allocator;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (owned != null) {
            owned.close();
            owned = null;
        }
        while ((limit < 0 || passed < limit) && input.hasNext()) {
            ColumnBatch b = input.next();
            int n = b.rowCount();
            int from = (int) Math.min(toSkip, n);
            toSkip -= from;
            int take = n - from;
            if (limit >= 0) {
                take = (int) Math.min(take, limit - passed);
            }
            if (take <= 0) {
                continue;
            }
            passed += take;
            if (from == 0 && take == n) {
                next = b;
            } else {
                owned = slice(b, from, take);
                next = owned;
            }
            return true;
        }
        return false;
    }

    private ColumnBatch slice(ColumnBatch b, int from, int count) {
        FieldVector[] out = new FieldVector[b.columnCount()];
        for (int c = 0; c < out.length; c++) {
            out[c] = Vectors.allocate(b.schema().field(c).name(), b.schema().type(c), allocator, count);
            RowCopier.append(b.vector(c), RowCopier.layout(b.schema().type(c)), null, from, count, out[c], 0);
            out[c].setValueCount(count);
        }
        return out.length == 0 ? ColumnBatch.ofRows(count) : new ColumnBatch(b.schema(), out, count);
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch b = next;
        next = null;
        return b;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
        input.close();
    }
}
