package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.rdd.CloseableIterator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Buffered window partitions whose functions have been evaluated, emitted a batch at a time: each
 * output batch is a view of the buffered batch's input columns (its flags column dropped) and the
 * functions' values for its rows, cut from the results only when asked for, so the output never
 * doubles the memory the buffer holds.
 */
final class BufferedWindowPartitions implements CloseableIterator<ColumnBatch> {
    private final List<ColumnBatch> batches;
    private final List<WindowEvaluator.Result> results;
    private final Schema outSchema;
    private final int flagsColumn;
    private int next;
    private int from;

    /** Takes ownership of {@code batches}, whose last column is the flags. */
    BufferedWindowPartitions(List<ColumnBatch> batches, List<WindowEvaluator.Result> results, Schema outSchema) {
        this.batches = new ArrayList<>(batches);
        this.results = results;
        this.outSchema = outSchema;
        this.flagsColumn = outSchema.size() - results.size();
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    /** The next output batch (the caller owns it). */
    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch b = batches.get(next);
        int count = b.rowCount();
        FieldVector[] vs = new FieldVector[outSchema.size()];
        try {
            for (int f = 0; f < results.size(); f++) {
                vs[flagsColumn + f] = results.get(f).vector(outSchema.field(flagsColumn + f).name(), from, count);
            }
        } catch (RuntimeException | Error e) {
            for (FieldVector v : vs) {
                if (v != null) {
                    v.close();
                }
            }
            throw e;
        }
        for (int c = 0; c < flagsColumn; c++) {
            // A view sharing the buffers: LAG, MIN and the like read other batches' rows, so the
            // buffered batches stay whole until all are emitted.
            TransferPair tp = b.vector(c).getTransferPair(b.vector(c).getAllocator());
            tp.splitAndTransfer(0, count);
            vs[c] = (FieldVector) tp.getTo();
        }
        next++;
        from += count;
        return new ColumnBatch(outSchema, vs, count);
    }

    /** Frees the buffered batches (the emitted batches' views keep what they share). */
    @Override
    public void close() {
        batches.forEach(ColumnBatch::close);
        batches.clear();
        next = 0;
    }
}
