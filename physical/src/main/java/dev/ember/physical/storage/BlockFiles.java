package dev.ember.physical.storage;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.physical.rdd.CloseableIterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One partition of batches as an Arrow IPC file (spilled cache blocks, DISK_ONLY blocks,
 * checkpoints). The vectors are written as they are, so reading gives back the same Arrow
 * layouts without conversion; the Ember schema and the row counts travel beside the file
 * (a batch with no columns, as {@code count(*)} reads, has nothing to write but its row count).
 */
public final class BlockFiles {
    private BlockFiles() {
    }

    /** What was written: enough to read it back. */
    public record Written(Path file, Schema schema, int[] rowCounts, long bytes) {
        public long rows() {
            long t = 0;
            for (int r : rowCounts) {
                t += r;
            }
            return t;
        }
    }

    /** Writes every batch {@code batches} yields (borrowed; not closed). */
    public static Written write(Path file, Iterator<?> batches, BufferAllocator allocator) {
        List<Integer> rows = new ArrayList<>();
        Schema schema = null;
        ArrowFileWriter writer = null;
        VectorSchemaRoot staging = null;
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            while (batches.hasNext()) {
                Object o = batches.next();
                if (!(o instanceof ColumnBatch b)) {
                    throw new ExecutionException(ErrorClass.UNSUPPORTED_FEATURE,
                            "only columnar partitions can be written to disk; got " + (o == null ? "null" : o.getClass().getName()));
                }
                if (schema == null) {
                    schema = b.schema();
                }
                rows.add(b.rowCount());
                if (b.columnCount() == 0) {
                    continue;
                }
                if (writer == null) {
                    List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
                    for (FieldVector v : b.vectors()) {
                        fields.add(v.getField());
                    }
                    staging = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(fields), allocator);
                    writer = new ArrowFileWriter(staging, null, channel);
                    writer.start();
                }
                // Load the batch's buffers into the writer's root without copying them.
                VectorSchemaRoot view = new VectorSchemaRoot(Arrays.asList(b.vectors()));
                view.setRowCount(b.rowCount());
                try (ArrowRecordBatch rb = new VectorUnloader(view).getRecordBatch()) {
                    new VectorLoader(staging).load(rb);
                }
                writer.writeBatch();
            }
            if (writer != null) {
                writer.end();
            }
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write block file " + file + ": " + e.getMessage(), e);
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (staging != null) {
                staging.close();
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // The data is written or the write already failed.
                }
            }
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            bytes = 0;
        }
        return new Written(file, schema == null ? new Schema(List.of()) : schema,
                rows.stream().mapToInt(Integer::intValue).toArray(), bytes);
    }

    /**
     * Streams the batches back. Each is borrowed: valid until the next call (the reader reuses
     * its vectors). Memory comes from {@code allocator} and is freed at close.
     */
    public static CloseableIterator<ColumnBatch> read(Written w, BufferAllocator allocator) {
        if (w.schema().size() == 0) {
            List<ColumnBatch> empty = new ArrayList<>();
            for (int r : w.rowCounts()) {
                empty.add(ColumnBatch.ofRows(r));
            }
            return CloseableIterator.of(empty);
        }
        FileChannel channel;
        ArrowFileReader reader;
        try {
            channel = FileChannel.open(w.file(), StandardOpenOption.READ);
            reader = new ArrowFileReader(channel, allocator);
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read block file " + w.file() + ": " + e.getMessage(), e);
        }
        return new CloseableIterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = reader.loadNextBatch();
                    } catch (IOException e) {
                        throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read block file " + w.file() + ": "
                                + e.getMessage(), e);
                    }
                }
                return ready;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                try {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    return new ColumnBatch(w.schema(), root.getFieldVectors().toArray(new FieldVector[0]), root.getRowCount());
                } catch (IOException e) {
                    throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read block file " + w.file(), e);
                }
            }

            @Override
            public void close() {
                try {
                    reader.close();
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing was written; the data read is already out.
                }
            }
        };
    }
}
