package dev.ember.columnar.source.arrow;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.DataFile;
import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.source.file.ReadContext;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Arrow IPC: the file format ({@code .arrow}, Feather v2), whose record batches are splits read
 * in parallel, and the stream format ({@code .arrows}), read whole. Which one a file is comes
 * from its first bytes. Written as files unless {@code ipcFormat 'stream'}. Uncompressed.
 */
public final class ArrowFormat implements FileFormat {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public String extension() {
        return "arrow";
    }

    @Override
    public String fileSuffix(SourceOptions options) {
        return stream(options) ? ".arrows" : ".arrow";
    }

    private static boolean stream(SourceOptions o) {
        String f = o.get("ipcFormat", "file").toLowerCase(Locale.ROOT);
        if (!f.equals("file") && !f.equals("stream")) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "ipcFormat is 'file' or 'stream', not '" + f + "'");
        }
        return f.equals("stream");
    }

    @Override
    public Set<String> readOptions() {
        return Set.of("ipcFormat");
    }

    @Override
    public Set<String> writeOptions() {
        return Set.of("ipcFormat");
    }

    static boolean isFileFormat(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(MAGIC.length);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the magic
            }
            return java.util.Arrays.equals(b.array(), MAGIC);
        } catch (IOException e) {
            throw io(p, e);
        }
    }

    private static ExecutionException io(Object what, Exception e) {
        return new ExecutionException(ErrorClass.IO_ERROR, "cannot read Arrow IPC " + what + ": " + e.getMessage(), e);
    }

    private static ArrowReader reader(Path p, SeekableByteChannel ch, BufferAllocator allocator) {
        return isFileFormat(p) ? new ArrowFileReader(ch, allocator) : new ArrowStreamReader(ch, allocator);
    }

    @Override
    public Schema inferSchema(List<DataFile> files, SourceOptions options) {
        DataFile f = files.get(0);
        try (BufferAllocator a = dev.ember.columnar.ArrowRuntime.newChild("arrow-schema", Long.MAX_VALUE);
             FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ);
             ArrowReader r = reader(f.path(), ch, a)) {
            List<Field> fields = new ArrayList<>();
            for (org.apache.arrow.vector.types.pojo.Field af : r.getVectorSchemaRoot().getSchema().getFields()) {
                if (af.getDictionary() != null) {
                    // A dictionary-encoded column holds indices; its values have the dictionary's type.
                    org.apache.arrow.vector.types.pojo.Field values = r.getDictionaryVectors().get(af.getDictionary().getId())
                            .getVector().getField();
                    af = new org.apache.arrow.vector.types.pojo.Field(af.getName(), new org.apache.arrow.vector.types.pojo.FieldType(
                            af.isNullable(), values.getType(), null, af.getMetadata()), null);
                }
                fields.add(ArrowTypes.toEmber(af, f.path()));
            }
            return new Schema(fields);
        } catch (IOException e) {
            throw io(f.path(), e);
        }
    }

    @Override
    public List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes) {
        if (file.size() <= maxSplitBytes || !isFileFormat(file.path())) {
            return List.of(FileSplit.whole(file));
        }
        try (BufferAllocator a = dev.ember.columnar.ArrowRuntime.newChild("arrow-split", Long.MAX_VALUE);
             FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ);
             ArrowFileReader r = new ArrowFileReader(ch, a)) {
            List<ArrowBlock> blocks = r.getRecordBlocks();
            List<FileSplit> out = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                ArrowBlock b = blocks.get(i);
                out.add(new FileSplit(file, b.getOffset(), b.getMetadataLength() + b.getBodyLength(), i, -1));
            }
            return out.isEmpty() ? List.of(FileSplit.whole(file)) : out;
        } catch (IOException e) {
            throw io(file.path(), e);
        }
    }

    @Override
    public BatchReader read(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
        return new IpcReader(split, dataSchema, columns, ctx);
    }

    /** Reads the record batches of a split, converting the requested columns to Ember's layouts. */
    private static final class IpcReader implements BatchReader {
        private final FileSplit split;
        private final Schema outSchema;
        private final ReadContext ctx;
        private final FileChannel channel;
        private final ArrowReader reader;
        private final int[] positions;
        private ColumnBatch current;
        private Boolean ready;

        IpcReader(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
            this.split = split;
            this.ctx = ctx;
            this.outSchema = dataSchema.project(columns);
            try {
                channel = FileChannel.open(split.file().path(), StandardOpenOption.READ);
                reader = reader(split.file().path(), channel, ctx.allocator());
                if (split.unit() >= 0) {
                    ArrowFileReader fr = (ArrowFileReader) reader;
                    ready = fr.loadRecordBatch(fr.getRecordBlocks().get(split.unit()));
                }
                List<org.apache.arrow.vector.types.pojo.Field> fileFields = reader.getVectorSchemaRoot().getSchema().getFields();
                positions = new int[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    positions[i] = -1;
                    for (int k = 0; k < fileFields.size(); k++) {
                        if (fileFields.get(k).getName().equalsIgnoreCase(outSchema.field(i).name())) {
                            positions[i] = k;
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                close();
                throw io(split, e);
            }
        }

        @Override
        public boolean hasNext() {
            if (ready == null) {
                try {
                    ready = reader.loadNextBatch();
                } catch (IOException e) {
                    throw io(split, e);
                }
            }
            return ready;
        }

        @Override
        public ColumnBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (current != null) {
                current.close();
                current = null;
            }
            VectorSchemaRoot root;
            try {
                root = reader.getVectorSchemaRoot();
            } catch (IOException e) {
                throw io(split, e);
            }
            int n = root.getRowCount();
            java.util.Map<Long, org.apache.arrow.vector.dictionary.Dictionary> dictionaries;
            try {
                dictionaries = reader.getDictionaryVectors();
            } catch (IOException e) {
                throw io(split, e);
            }
            FieldVector[] vs = new FieldVector[outSchema.size()];
            try {
                for (int i = 0; i < vs.length; i++) {
                    Field f = outSchema.field(i);
                    if (positions[i] < 0) {
                        vs[i] = dev.ember.columnar.Vectors.nulls(f.name(), f.type(), ctx.allocator(), n);
                        continue;
                    }
                    FieldVector src = root.getVector(positions[i]);
                    org.apache.arrow.vector.types.pojo.DictionaryEncoding enc = src.getField().getDictionary();
                    if (enc == null) {
                        vs[i] = ArrowConvert.toEmber(src, f, n, ctx.allocator());
                    } else {
                        // Dictionary-encoded (pandas categoricals): decode the indices, then convert.
                        try (org.apache.arrow.vector.ValueVector decoded = org.apache.arrow.vector.dictionary.DictionaryEncoder
                                .decode(src, dictionaries.get(enc.getId()))) {
                            vs[i] = ArrowConvert.toEmber((FieldVector) decoded, f, n, ctx.allocator());
                        }
                    }
                }
            } catch (RuntimeException e) {
                for (FieldVector v : vs) {
                    if (v != null) {
                        v.close();
                    }
                }
                throw e instanceof EmberException ? e : new ExecutionException(ErrorClass.IO_ERROR,
                        "cannot read " + split + ": " + e, e);
            }
            ctx.metrics().bytesRead.add(root.getFieldVectors().stream().mapToLong(FieldVector::getBufferSize).sum());
            ready = split.unit() >= 0 ? Boolean.FALSE : null;
            current = vs.length == 0 ? ColumnBatch.ofRows(n) : new ColumnBatch(outSchema, vs, n);
            return current;
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
            try {
                if (reader != null) {
                    reader.close();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // read-only
            }
        }
    }

    @Override
    public FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator) {
        boolean stream = stream(options);
        try {
            return new IpcWriter(file, schema, stream, allocator);
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes each batch as one record batch, in standard Arrow types. */
    private static final class IpcWriter implements FileWriter {
        private final Schema schema;
        private final FileChannel channel;
        private final VectorSchemaRoot root;
        private final ArrowWriter writer;

        IpcWriter(Path file, Schema schema, boolean stream, BufferAllocator allocator) throws IOException {
            this.schema = schema;
            List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
            for (Field f : schema.fields()) {
                fields.add(ArrowTypes.field(f));
            }
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(fields), allocator);
            this.writer = stream ? new ArrowStreamWriter(root, null, channel) : new ArrowFileWriter(root, null, channel);
            writer.start();
        }

        @Override
        public void write(ColumnBatch batch) throws IOException {
            int n = batch.rowCount();
            for (int i = 0; i < schema.size(); i++) {
                ArrowConvert.fillWritten(root.getVector(i), batch.vector(i), schema.field(i), n);
            }
            root.setRowCount(n);
            writer.writeBatch();
            for (FieldVector v : root.getFieldVectors()) {
                v.clear();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                writer.end();
                writer.close();
            } finally {
                root.close();
                channel.close();
            }
        }
    }
}
