package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.spill.SpillFile;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The merge phase of an external sort: k sorted runs read back from disk one batch at a time and
 * merged by their normalized keys (re-encoded while reading, so runs store only the rows). Ties go
 * to the earlier run, which keeps the sort stable. Consecutive rows of one run are copied
 * together while that run stays the smallest.
 */
final class SortedRunMerger implements CloseableIterator<ColumnBatch> {
    private final Run[] runs;
    private final PriorityQueue<Run> heap;
    private final BatchAppender out;
    private final int batchSize;
    private final ArrayDeque<ColumnBatch> ready = new ArrayDeque<>();
    private ColumnBatch current;
    private boolean drained;

    SortedRunMerger(List<SpillFile> files, Schema schema, List<SortKey> keys, BufferAllocator allocator, int batchSize) {
        this.batchSize = batchSize;
        this.out = new BatchAppender(schema, allocator, batchSize);
        DataType[] types = keys.stream().map(k -> schema.type(k.column())).toArray(DataType[]::new);
        this.runs = new Run[files.size()];
        this.heap = new PriorityQueue<>(Math.max(1, files.size()), SortedRunMerger::compare);
        try {
            for (int i = 0; i < runs.length; i++) {
                runs[i] = new Run(i, files.get(i).read(allocator), new SortKeyEncoder(keys, types), allocator);
                if (runs[i].advance()) {
                    heap.add(runs[i]);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static int compare(Run a, Run b) {
        int c = SortKeyEncoder.compare(a.key.memoryAddress(), a.keyLength, b.key.memoryAddress(), b.keyLength);
        return c != 0 ? c : Integer.compare(a.index, b.index);
    }

    private void fill() {
        int[] sel = new int[batchSize];
        while (ready.isEmpty() && !heap.isEmpty()) {
            Run r = heap.poll();
            Run next = heap.peek();
            ColumnBatch batch = r.batch;
            int n = 0;
            // Take rows of r while it stays before the next run (and within its current batch).
            do {
                sel[n++] = r.row;
                if (!r.advanceWithinBatch()) {
                    break;
                }
            } while (n < sel.length && (next == null || compare(r, next) < 0));
            out.append(batch, sel, 0, n);
            if (r.row >= r.batch.rowCount()) {
                // the batch is done: load the next one (the rows were copied out above)
                if (r.advance()) {
                    heap.add(r);
                }
            } else {
                heap.add(r);
            }
            ready.addAll(out.takeReady());
        }
        if (heap.isEmpty() && ready.isEmpty() && !drained) {
            drained = true;
            ready.addAll(out.finish());
        }
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty()) {
            fill();
        }
        return !ready.isEmpty();
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null) {
            current.close();
        }
        current = ready.poll();
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        ready.forEach(ColumnBatch::close);
        ready.clear();
        out.close();
        for (Run r : runs) {
            if (r != null) {
                r.close();
            }
        }
    }

    /** One sorted run: its reader, the batch being merged, the current row and its encoded key. */
    private static final class Run {
        final int index;
        final CloseableIterator<ColumnBatch> reader;
        final SortKeyEncoder encoder;
        final BufferAllocator allocator;
        ColumnBatch batch;
        int row;
        ArrowBuf key;
        int keyLength;

        Run(int index, CloseableIterator<ColumnBatch> reader, SortKeyEncoder encoder, BufferAllocator allocator) {
            this.index = index;
            this.reader = reader;
            this.encoder = encoder;
            this.allocator = allocator;
        }

        /** Moves to the first row of the next non-empty batch; false at the end of the run. */
        boolean advance() {
            while (reader.hasNext()) {
                batch = reader.next();
                if (batch.rowCount() > 0) {
                    row = 0;
                    encode();
                    return true;
                }
            }
            batch = null;
            return false;
        }

        /** Moves to the next row of the current batch; false (row == rowCount) past its end. */
        boolean advanceWithinBatch() {
            row++;
            if (row >= batch.rowCount()) {
                return false;
            }
            encode();
            return true;
        }

        private void encode() {
            key = SortKeyEncoder.ensure(key, encoder.maxLength(batch.vectors(), row), allocator);
            keyLength = encoder.encodeInto(batch.vectors(), row, key);
        }

        void close() {
            reader.close();
            if (key != null) {
                key.close();
                key = null;
            }
        }
    }
}
