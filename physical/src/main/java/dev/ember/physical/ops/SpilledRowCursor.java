package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.spill.SpillFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A reader of spilled window rows (a spill file whose last column holds each row's
 * {@link WindowBoundaries} flags) moved forward one row at a time, knowing the row's position in
 * the file and where its window partition starts. The functions of a spilled partition use one to
 * run ahead of the current row (a frame's end, a partition's size, LEAD) or behind it (LAG); each
 * holds one batch, borrowed from the reader until it moves past it.
 */
final class SpilledRowCursor implements AutoCloseable {
    private final CloseableIterator<ColumnBatch> reader;
    private final int flagsColumn;
    private ColumnBatch batch;
    private int row;
    private long flagsAddress;
    private long position = -1;
    private long partitionStart;
    private boolean exhausted;

    SpilledRowCursor(SpillFile file, BufferAllocator allocator) {
        this.reader = file.read(allocator);
        this.flagsColumn = file.schema().size() - 1;
    }

    /** Moves to the next row (the first, at the start); false past the last. */
    boolean advance() {
        if (exhausted) {
            return false;
        }
        if (batch == null || ++row >= batch.rowCount()) {
            if (!load()) {
                exhausted = true;
                batch = null;
                return false;
            }
        }
        position++;
        if ((flags() & WindowBoundaries.PARTITION) != 0) {
            partitionStart = position;
        }
        return true;
    }

    /** Moves forward to row p of the file (not before the current row); false past the last row. */
    boolean seek(long p) {
        while (position < p) {
            if (!advance()) {
                return false;
            }
        }
        return !exhausted;
    }

    private boolean load() {
        while (reader.hasNext()) {
            batch = reader.next();
            if (batch.rowCount() > 0) {
                row = 0;
                flagsAddress = batch.vector(flagsColumn).getDataBuffer().memoryAddress();
                return true;
            }
        }
        return false;
    }

    /** Whether the cursor has been moved onto a row (and not past the last). */
    boolean onRow() {
        return position >= 0 && !exhausted;
    }

    /** The current row's flags. */
    int flags() {
        return MemoryUtil.getInt(flagsAddress + 4L * row);
    }

    ColumnBatch batch() {
        return batch;
    }

    int row() {
        return row;
    }

    long partitionStart() {
        return partitionStart;
    }

    @Override
    public void close() {
        reader.close();
    }
}
