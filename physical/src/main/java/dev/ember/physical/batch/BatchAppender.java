package dev.ember.physical.batch;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.RowCopier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates rows picked from many input batches into full output batches of
 * {@code batchSize} rows: shuffle partitions, filtered and joined output, sort runs.
 */
public final class BatchAppender implements AutoCloseable {
    private final Schema schema;
    private final BufferAllocator allocator;
    private final int batchSize;
    private final RowCopier.Layout[] layouts;
    private final List<ColumnBatch> done = new ArrayList<>();
    private FieldVector[] current;
    private int rows;
    private long totalRows;
    private long doneBytes;

    public BatchAppender(Schema schema, BufferAllocator allocator, int batchSize) {
        this.schema = schema;
        this.allocator = allocator;
        this.batchSize = batchSize;
        this.layouts = new RowCopier.Layout[schema.size()];
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = RowCopier.layout(schema.type(i));
        }
    }

    private void ensureCurrent() {
        if (current == null) {
            current = new FieldVector[schema.size()];
            for (int i = 0; i < current.length; i++) {
                current[i] = Vectors.allocate(schema.field(i).name(), schema.type(i), allocator, batchSize);
            }
            rows = 0;
        }
    }

    /** Appends rows {@code sel[from..from+count)} (or contiguous rows when sel is null) of {@code src}. */
    public void append(ColumnBatch src, int[] sel, int from, int count) {
        append(src.vectors(), sel, from, count);
    }

    /** As {@link #append(ColumnBatch, int[], int, int)}, from vectors matching this schema. */
    public void append(FieldVector[] src, int[] sel, int from, int count) {
        int done0 = 0;
        while (done0 < count) {
            ensureCurrent();
            int n = Math.min(count - done0, batchSize - rows);
            for (int c = 0; c < current.length; c++) {
                RowCopier.append(src[c], layouts[c], sel, from + done0, n, current[c], rows);
            }
            rows += n;
            totalRows += n;
            done0 += n;
            if (rows == batchSize) {
                seal();
            }
        }
    }

    /** Appends a column-subset row layout: {@code columns[i]} of src goes to output column i. */
    public void appendColumns(ColumnBatch src, int[] columns, int[] sel, int from, int count) {
        FieldVector[] vs = new FieldVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            vs[i] = src.vector(columns[i]);
        }
        append(vs, sel, from, count);
    }

    private void seal() {
        if (current != null && rows > 0) {
            ColumnBatch b = new ColumnBatch(schema, current, rows);
            doneBytes += b.sizeInBytes();
            done.add(b);
            current = null;
            rows = 0;
        }
    }

    public long totalRows() {
        return totalRows;
    }

    /** Number of full batches waiting to be taken. */
    public int readyCount() {
        return done.size();
    }

    /** Takes the full batches sealed so far (the caller owns them). */
    public List<ColumnBatch> takeReady() {
        List<ColumnBatch> out = new ArrayList<>(done);
        done.clear();
        doneBytes = 0;
        return out;
    }

    /** Seals the partial batch and takes everything (the caller owns it). */
    public List<ColumnBatch> finish() {
        seal();
        return takeReady();
    }

    public long bytesHeld() {
        long t = doneBytes;
        if (current != null) {
            for (FieldVector v : current) {
                t += v.getBufferSize();
            }
        }
        return t;
    }

    @Override
    public void close() {
        done.forEach(ColumnBatch::close);
        done.clear();
        doneBytes = 0;
        if (current != null) {
            for (FieldVector v : current) {
                if (v != null) {
                    v.close();
                }
            }
            current = null;
        }
    }
}
