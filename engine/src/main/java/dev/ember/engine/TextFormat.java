package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.DataFile;
import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.source.file.LineReader;
import dev.ember.columnar.source.file.ReadContext;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Plain text, one row per line in a STRING column {@code value}, as Spark's {@code text} source:
 * {@code session.read().text(path)}, {@code session.textFile(path)} and
 * {@code df.write().text(path)}. Files split at line boundaries (gzip files are read whole);
 * {@code \n} and {@code \r\n} end lines.
 */
final class TextFormat implements FileFormat {
    static final TextFormat INSTANCE = new TextFormat();
    static final Schema SCHEMA = new Schema(List.of(new Field("value", DataType.STRING, true)));

    private TextFormat() {
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String extension() {
        return "txt";
    }

    @Override
    public Set<String> readOptions() {
        return Set.of();
    }

    @Override
    public Set<String> writeOptions() {
        return Set.of();
    }

    @Override
    public Schema inferSchema(List<DataFile> files, SourceOptions options) {
        return SCHEMA;
    }

    @Override
    public List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes) {
        if (file.gzipped() || file.size() <= maxSplitBytes) {
            return List.of(FileSplit.whole(file));
        }
        List<FileSplit> out = new ArrayList<>();
        for (long at = 0; at < file.size(); at += maxSplitBytes) {
            out.add(new FileSplit(file, at, Math.min(maxSplitBytes, file.size() - at), -1, -1));
        }
        return out;
    }

    @Override
    public BatchReader read(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
        LineReader lines = new LineReader(split);
        return new BatchReader() {
            private ColumnBatch current;
            private boolean pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (!pending && !done) {
                    pending = lines.next();
                    done = !pending;
                }
                return pending;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                release();
                int n = 0;
                VarCharVector v = columns.length == 0 ? null : new VarCharVector("value", ctx.allocator());
                if (v != null) {
                    v.allocateNew(ctx.batchSize());
                }
                long bytes = 0;
                while (pending && n < ctx.batchSize()) {
                    if (v != null) {
                        v.setSafe(n, lines.buf(), lines.start(), lines.end() - lines.start());
                    }
                    bytes += lines.end() - lines.start() + 1;
                    n++;
                    pending = lines.next();
                    done = !pending;
                }
                ctx.metrics().bytesRead.add(bytes);
                if (v == null) {
                    return ColumnBatch.ofRows(n);
                }
                v.setValueCount(n);
                current = new ColumnBatch(SCHEMA, new FieldVector[] {v}, n);
                return current;
            }

            private void release() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() {
                release();
                lines.close();
            }
        };
    }

    @Override
    public FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator) {
        if (schema.size() != 1 || !(schema.type(0) instanceof DataType.StringType)) {
            throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "the text format writes one STRING column, not "
                    + schema + " (select one column, cast to string, or concatenate the columns)");
        }
        try {
            OutputStream out = Files.newOutputStream(file);
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            return new FileWriter() {
                @Override
                public void write(ColumnBatch batch) throws IOException {
                    VarCharVector v = (VarCharVector) batch.vector(0);
                    for (int i = 0; i < batch.rowCount(); i++) {
                        if (!v.isNull(i)) {
                            w.write(new String(v.get(i), StandardCharsets.UTF_8));
                        }
                        w.write('\n');
                    }
                }

                @Override
                public void close() throws IOException {
                    w.close();
                }
            };
        } catch (IOException e) {
            throw new dev.ember.common.ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
