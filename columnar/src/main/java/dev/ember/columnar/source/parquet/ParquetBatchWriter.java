package dev.ember.columnar.source.parquet;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes batches into one Parquet file with Parquet's own column writers (dictionary and RLE
 * encodings, page and row-group statistics), column by column within each row, cutting a row
 * group every {@code rowGroupRows} rows or {@code rowGroupSize} bytes.
 */
final class ParquetBatchWriter implements FileWriter {
    private static final int COLUMN_INDEX_TRUNCATE = 64;

    private final Schema schema;
    private final MessageType type;
    private final List<ColumnDescriptor> columns;
    private final ParquetFileWriter file;
    private final ParquetProperties props;
    private final CompressionCodecName codec;
    private final long rowGroupRows;
    private final long rowGroupBytes;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long rowsInGroup;

    ParquetBatchWriter(Path path, Schema schema, CompressionCodecName codec, long rowGroupRows, long rowGroupBytes,
                       boolean v2Pages) throws IOException {
        this.schema = schema;
        this.type = ParquetSchemas.toParquet(schema);
        this.columns = type.getColumns();
        this.codec = codec;
        this.rowGroupRows = rowGroupRows;
        this.rowGroupBytes = rowGroupBytes;
        this.props = ParquetProperties.builder()
                .withWriterVersion(v2Pages ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true)
                .withColumnIndexTruncateLength(COLUMN_INDEX_TRUNCATE)
                .build();
        this.file = new ParquetFileWriter(new LocalOutputFile(path), type, ParquetFileWriter.Mode.CREATE, rowGroupBytes, 0,
                COLUMN_INDEX_TRUNCATE, Integer.MAX_VALUE, false);
        file.start();
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(ParquetCodecs.INSTANCE.getCompressor(codec), type,
                new HeapByteBufferAllocator(), COLUMN_INDEX_TRUNCATE);
        store = props.newColumnWriteStore(type, pages, pages);
        writers = new ColumnWriter[columns.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = store.getColumnWriter(columns.get(i));
        }
        rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        file.startBlock(rowsInGroup);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        store.close();
        pages.close();
        startRowGroup();
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        int n = batch.rowCount();
        int cols = schema.size();
        FieldVector[] vs = batch.vectors();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                ColumnWriter w = writers[c];
                FieldVector v = vs[c];
                int def = columns.get(c).getMaxDefinitionLevel();
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                    continue;
                }
                switch (schema.type(c)) {
                    case DataType.BooleanType t -> w.write(((BitVector) v).get(r) == 1, 0, def);
                    case DataType.IntType t -> w.write(((IntVector) v).get(r), 0, def);
                    case DataType.BigIntType t -> w.write(((BigIntVector) v).get(r), 0, def);
                    case DataType.DoubleType t -> w.write(((Float8Vector) v).get(r), 0, def);
                    case DataType.DateType t -> w.write(((DateDayVector) v).get(r), 0, def);
                    case DataType.TimestampType t -> w.write(((TimeStampMicroVector) v).get(r), 0, def);
                    case DataType.StringType t -> w.write(Binary.fromConstantByteArray(((VarCharVector) v).get(r)), 0, def);
                    case DataType.DecimalType d -> {
                        if (d.precision() <= 9) {
                            w.write((int) ((BigIntVector) v).get(r), 0, def);
                        } else if (d.isLong()) {
                            w.write(((BigIntVector) v).get(r), 0, def);
                        } else {
                            BigInteger u = ((DecimalVector) v).getObject(r).unscaledValue();
                            w.write(Binary.fromConstantByteArray(fixed(u, ParquetSchemas.bytesFor(d.precision()))), 0, def);
                        }
                    }
                    case DataType.NullType t -> w.writeNull(0, 0);
                }
            }
            store.endRecord();
            rowsInGroup++;
            if (rowsInGroup >= rowGroupRows || ((rowsInGroup & 1023) == 0 && store.getBufferedSize() >= rowGroupBytes)) {
                flushRowGroup();
            }
        }
    }

    /** Two's complement big-endian bytes of {@code v}, sign-extended to {@code n}. */
    static byte[] fixed(BigInteger v, int n) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[n];
        byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
        int off = n - raw.length;
        for (int i = 0; i < n; i++) {
            out[i] = i < off ? pad : raw[i - off];
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        flushRowGroup();
        store.close();
        pages.close();
        file.end(Map.of("writer.model.name", "ember"));
    }

    @Override
    public void abort() {
        try {
            store.close();
            pages.close();
            file.abort();
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the caller deletes the file
        }
    }
}
