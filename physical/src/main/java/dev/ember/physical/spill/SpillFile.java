package dev.ember.physical.spill;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ResourceException;
import dev.ember.physical.rdd.CloseableIterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Batches written to local disk in the Arrow IPC stream format when memory is short, and read
 * back later (possibly several times) into a reader's allocator. Written once, then read; the
 * file is deleted on {@link #delete()}. Zero-column batches (row counts only) never touch disk.
 */
public final class SpillFile {
    private final Path path;
    private final Schema schema;
    private OutputStream stream;
    private WriteChannel channel;
    private boolean schemaWritten;
    private long bytes;
    private long rows;
    private int batches;
    private final List<Integer> rowOnlyBatches = new ArrayList<>();
    private boolean finished;

    SpillFile(Path path, Schema schema) {
        this.path = path;
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    /** Bytes written to disk. */
    public long bytes() {
        return bytes;
    }

    public long rows() {
        return rows;
    }

    public int batches() {
        return batches;
    }

    public Path path() {
        return path;
    }

    /** Appends a batch (the caller keeps ownership and closes it). */
    public void write(ColumnBatch batch) {
        if (finished) {
            throw new IllegalStateException("spill file already finished: " + path);
        }
        int n = batch.rowCount();
        if (n == 0) {
            return;
        }
        rows += n;
        batches++;
        if (batch.columnCount() == 0) {
            rowOnlyBatches.add(n);
            return;
        }
        try {
            if (stream == null) {
                stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
                channel = new WriteChannel(Channels.newChannel(stream));
            }
            List<Field> fields = new ArrayList<>(batch.columnCount());
            List<FieldVector> vectors = new ArrayList<>(batch.columnCount());
            for (FieldVector v : batch.vectors()) {
                fields.add(v.getField());
                vectors.add(v);
            }
            VectorSchemaRoot root = new VectorSchemaRoot(fields, vectors, n);
            if (!schemaWritten) {
                MessageSerializer.serialize(channel, root.getSchema());
                schemaWritten = true;
            }
            long before = channel.getCurrentPosition();
            try (ArrowRecordBatch rb = new VectorUnloader(root).getRecordBatch()) {
                MessageSerializer.serialize(channel, rb);
            }
            bytes += channel.getCurrentPosition() - before;
        } catch (IOException e) {
            throw ioError("write", e);
        }
    }

    /** Ends writing; the file can then be read. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (stream == null) {
            return;
        }
        try {
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
            stream.close();
        } catch (IOException e) {
            throw ioError("write", e);
        }
    }

    /**
     * Reads the batches back into {@code allocator}. Each batch is borrowed: it is valid until the
     * next call to {@code next()} or {@code close()}.
     */
    public CloseableIterator<ColumnBatch> read(BufferAllocator allocator) {
        finish();
        if (stream == null) {
            List<ColumnBatch> counts = new ArrayList<>();
            for (int n : rowOnlyBatches) {
                counts.add(ColumnBatch.ofRows(n));
            }
            return CloseableIterator.of(counts);
        }
        return new Reader(allocator);
    }

    /** Removes the file from disk. */
    public void delete() {
        finish();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A spill file left behind in the temp directory is harmless; the query's answer is not affected.
        }
    }

    private ResourceException ioError(String what, IOException e) {
        boolean full = e.getMessage() != null && e.getMessage().contains("No space left");
        return full
                ? new ResourceException(ErrorClass.DISK_FULL, "no space left to spill to " + path.getParent()
                        + " (ember.spill.dir)", e)
                : new ResourceException(ErrorClass.IO_ERROR, "cannot " + what + " spill file " + path + ": "
                        + e.getMessage(), e);
    }

    private final class Reader implements CloseableIterator<ColumnBatch> {
        private final BufferAllocator allocator;
        private final InputStream in;
        private final ArrowStreamReader reader;
        private ColumnBatch current;
        private Boolean ready;

        Reader(BufferAllocator allocator) {
            this.allocator = allocator;
            try {
                this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            } catch (IOException e) {
                throw ioError("read", e);
            }
            this.reader = new ArrowStreamReader(in, allocator);
        }

        @Override
        public boolean hasNext() {
            if (ready == null) {
                try {
                    ready = reader.loadNextBatch();
                } catch (IOException e) {
                    throw ioError("read", e);
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
            closeCurrent();
            try {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                int n = root.getRowCount();
                FieldVector[] out = new FieldVector[root.getFieldVectors().size()];
                for (int i = 0; i < out.length; i++) {
                    // Move the buffers out of the reader's root so the next batch can load into it.
                    var tp = root.getVector(i).getTransferPair(allocator);
                    tp.transfer();
                    out[i] = (FieldVector) tp.getTo();
                }
                current = new ColumnBatch(schema, out, n);
                return current;
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            closeCurrent();
            try {
                reader.close();
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }
    }
}
