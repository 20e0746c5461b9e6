package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.spill.SpillFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Window functions over sorted rows that did not fit in memory (one window partition larger than
 * the task's share, with whatever small partitions came before it), read back from a spill file
 * whose last column holds the {@link WindowBoundaries} flags of each row. The rows are emitted a
 * batch at a time as they are read, each function's values computed by its
 * {@link SpilledWindowFrame} (a running state, and readers of the same file ahead of or behind the
 * current row), so memory is a few batches whatever the partition's size. Only the functions that
 * need no random access into the partition can be evaluated so: {@link #unsupported} names the
 * first that cannot.
 */
final class SpilledWindowPartition implements CloseableIterator<ColumnBatch> {
    private final SpillFile file;
    private final CloseableIterator<ColumnBatch> rows;
    private final Schema outSchema;
    private final int flagsColumn;
    private final BufferAllocator allocator;
    private final SpilledWindowFrame[] frames;

    SpilledWindowPartition(SpillFile file, List<WindowCall> calls, Schema outSchema, BufferAllocator allocator) {
        this.file = file;
        this.outSchema = outSchema;
        this.flagsColumn = file.schema().size() - 1;
        this.allocator = allocator;
        this.frames = new SpilledWindowFrame[calls.size()];
        this.rows = file.read(allocator);
        try {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = SpilledWindowFrame.of(calls.get(i), file, allocator);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first call that cannot be evaluated from a spilled partition, or null if all can. */
    static WindowCall unsupported(List<WindowCall> calls) {
        for (WindowCall c : calls) {
            if (!SpilledWindowFrame.streams(c)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // The reader's batch is borrowed: its buffers move to the output batch.
        ColumnBatch b = rows.next().transferTo(allocator);
        int n = b.rowCount();
        int in = flagsColumn;
        FieldVector[] vs = new FieldVector[outSchema.size()];
        try {
            long flags = b.vector(flagsColumn).getDataBuffer().memoryAddress();
            for (int f = 0; f < frames.length; f++) {
                vs[in + f] = frames[f].next(b, flags, n, outSchema.field(in + f).name());
            }
        } catch (RuntimeException | Error e) {
            for (FieldVector v : vs) {
                if (v != null) {
                    v.close();
                }
            }
            b.close();
            throw e;
        }
        for (int i = 0; i < in; i++) {
            vs[i] = b.vector(i);
        }
        b.vector(flagsColumn).close();
        return new ColumnBatch(outSchema, vs, n);
    }

    /** Closes the readers and deletes the spill file. */
    @Override
    public void close() {
        rows.close();
        for (SpilledWindowFrame f : frames) {
            if (f != null) {
                f.close();
            }
        }
        file.delete();
    }
}
