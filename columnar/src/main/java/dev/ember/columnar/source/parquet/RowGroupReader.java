package dev.ember.columnar.source.parquet;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.ReadContext;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Reads one row group: only the column chunks of the requested columns are read from disk
 * (their bytes count in {@code bytesRead}), decoded value by value by Parquet's column readers
 * straight into Ember's vectors. Columns the file lacks read as NULL.
 */
final class RowGroupReader implements BatchReader {
    private final FileSplit split;
    private final ReadContext ctx;
    private final Schema outSchema;
    private final ColumnChunkDecoder[] readers;
    private final ColumnChunkDecoder.Sink[] copiers;
    private long rowsLeft;
    private ColumnBatch current;

    RowGroupReader(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
        this.split = split;
        this.ctx = ctx;
        this.outSchema = dataSchema.project(columns);
        ParquetMetadata footer = ParquetFooters.footer(split.file());
        BlockMetaData block = footer.getBlocks().get(split.unit());
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        rowsLeft = block.getRowCount();
        readers = new ColumnChunkDecoder[columns.length];
        copiers = new ColumnChunkDecoder.Sink[columns.length];
        ctx.metrics().rowGroupsRead.increment();
        try (FileChannel ch = FileChannel.open(split.file().path(), StandardOpenOption.READ)) {
            for (int i = 0; i < columns.length; i++) {
                Field f = outSchema.field(i);
                ColumnChunkMetaData chunk = ParquetStatistics.chunk(block, f.name());
                if (chunk == null) {
                    continue; // not in this file: NULL
                }
                ColumnDescriptor desc = fileSchema.getColumnDescription(chunk.getPath().toArray());
                long size = chunk.getTotalSize();
                if (size > Integer.MAX_VALUE - 16) {
                    throw new ExecutionException(ErrorClass.IO_ERROR, "column chunk of " + f.name() + " in " + split.file().path()
                            + " is larger than 2 GB");
                }
                ByteBuffer buf = ByteBuffer.allocate((int) size);
                ParquetFooters.readFully(ch, buf, chunk.getStartingPos());
                ctx.metrics().bytesRead.add(size);
                ChunkPageReader pages = new ChunkPageReader(buf.array(), chunk.getCodec(), chunk.getValueCount());
                readers[i] = new ColumnChunkDecoder(desc, pages);
                copiers[i] = copier(desc.getPrimitiveType(), f);
            }
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + split + ": " + e.getMessage(), e);
        } catch (EmberException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + split + ": " + e, e);
        }
    }

    @Override
    public boolean hasNext() {
        return rowsLeft > 0;
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
        int n = (int) Math.min(ctx.batchSize(), rowsLeft);
        rowsLeft -= n;
        if (outSchema.size() == 0) {
            current = ColumnBatch.ofRows(n);
            return current;
        }
        FieldVector[] vs = new FieldVector[outSchema.size()];
        try {
            for (int i = 0; i < vs.length; i++) {
                Field f = outSchema.field(i);
                vs[i] = Vectors.allocate(f.name(), f.type(), ctx.allocator(), n);
                if (readers[i] != null) {
                    readers[i].read(vs[i], 0, n, copiers[i]);
                }
            }
        } catch (RuntimeException e) {
            for (FieldVector v : vs) {
                if (v != null) {
                    v.close();
                }
            }
            if (e instanceof EmberException) {
                throw e;
            }
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot decode " + split + ": " + e, e);
        }
        current = new ColumnBatch(outSchema, vs, n);
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private ColumnChunkDecoder.Sink copier(PrimitiveType p, Field target) {
        DataType natural = ParquetSchemas.toEmber(p, split.file().path());
        ColumnChunkDecoder.Sink fast = natural.equals(target.type()) ? fast(p, target.type()) : null;
        if (fast != null) {
            return fast;
        }
        // Another type than the file's: read the file's value and convert it like a CAST.
        return (r, v, row) -> {
            try {
                Values.set(v, target.type(), row, convert(readObject(p, r), target.type()));
            } catch (RuntimeException e) {
                throw new ExecutionException(ErrorClass.CAST_INVALID_INPUT, "column `" + target.name() + "` of "
                        + split.file().path() + " holds " + natural.sql() + " values, which do not read as "
                        + target.type().sql() + ": " + e.getMessage(), e);
            }
        };
    }

    private static Object convert(Object v, DataType target) {
        if (target instanceof DataType.StringType && v != null && !(v instanceof String)) {
            return v.toString();
        }
        return v;
    }

    private static Object readObject(PrimitiveType p, ValuesReader r) {
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return switch (p.getPrimitiveTypeName()) {
                case INT32 -> BigDecimal.valueOf(r.readInteger(), d.getScale());
                case INT64 -> BigDecimal.valueOf(r.readLong(), d.getScale());
                default -> new BigDecimal(new BigInteger(r.readBytes().getBytes()), d.getScale());
            };
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> r.readBoolean();
            case INT32 -> {
                if (l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield java.time.LocalDate.ofEpochDay(r.readInteger());
                }
                if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield Integer.toUnsignedLong(r.readInteger());
                }
                yield r.readInteger();
            }
            case INT64 -> {
                if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    yield Values.microsToTimestamp(micros(t, r.readLong()));
                }
                if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield new BigDecimal(new BigInteger(Long.toUnsignedString(r.readLong())));
                }
                yield r.readLong();
            }
            case INT96 -> Values.microsToTimestamp(int96Micros(r.readBytes()));
            case FLOAT -> (double) r.readFloat();
            case DOUBLE -> r.readDouble();
            case BINARY -> r.readBytes().toStringUsingUTF8();
            case FIXED_LEN_BYTE_ARRAY -> uuid(r.readBytes());
        };
    }

    private static long micros(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t, long v) {
        return switch (t.getUnit()) {
            case MILLIS -> Math.multiplyExact(v, 1000L);
            case MICROS -> v;
            case NANOS -> Math.floorDiv(v, 1000L);
        };
    }

    /** INT96 timestamps (Impala, old Spark): nanoseconds of the day, then the Julian day, little-endian. */
    private static long int96Micros(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        int julianDay = buf.getInt();
        long epochDay = julianDay - 2_440_588L;
        return epochDay * 86_400_000_000L + nanos / 1000;
    }

    private static String uuid(Binary b) {
        ByteBuffer buf = b.toByteBuffer();
        return new UUID(buf.getLong(), buf.getLong()).toString();
    }

    /** Straight copies when the table's type is the file's own. */
    private static ColumnChunkDecoder.Sink fast(PrimitiveType p, DataType type) {
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return (r, v, row) -> ((BitVector) v).set(row, r.readBoolean() ? 1 : 0);
            case INT32:
                if (type instanceof DataType.DateType) {
                    return (r, v, row) -> ((DateDayVector) v).set(row, r.readInteger());
                }
                if (type instanceof DataType.IntType) {
                    return (r, v, row) -> ((IntVector) v).set(row, r.readInteger());
                }
                if (type instanceof DataType.DecimalType d && d.isLong()) {
                    return (r, v, row) -> ((BigIntVector) v).set(row, r.readInteger());
                }
                if (type instanceof DataType.BigIntType) {
                    return (r, v, row) -> ((BigIntVector) v).set(row, Integer.toUnsignedLong(r.readInteger()));
                }
                return null;
            case INT64:
                if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    return (r, v, row) -> ((TimeStampMicroVector) v).set(row, micros(t, r.readLong()));
                }
                if (type instanceof DataType.BigIntType || (type instanceof DataType.DecimalType d && d.isLong())) {
                    return (r, v, row) -> ((BigIntVector) v).set(row, r.readLong());
                }
                return null;
            case INT96:
                return (r, v, row) -> ((TimeStampMicroVector) v).set(row, int96Micros(r.readBytes()));
            case FLOAT:
                return (r, v, row) -> ((Float8Vector) v).set(row, r.readFloat());
            case DOUBLE:
                return (r, v, row) -> ((Float8Vector) v).set(row, r.readDouble());
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (type instanceof DataType.StringType && p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
                    return (r, v, row) -> {
                        ByteBuffer bb = r.readBytes().toByteBuffer();
                        if (bb.hasArray()) {
                            // ArrowBuf copies heap ByteBuffers byte by byte; arrays are copied in bulk.
                            ((VarCharVector) v).setSafe(row, bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
                        } else {
                            ((VarCharVector) v).setSafe(row, bb, bb.position(), bb.remaining());
                        }
                    };
                }
                if (type instanceof DataType.StringType) {
                    return (r, v, row) -> ((VarCharVector) v).setSafe(row,
                            uuid(r.readBytes()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                if (type instanceof DataType.DecimalType d && d.isLong()) {
                    return (r, v, row) -> ((BigIntVector) v).set(row, new BigInteger(r.readBytes().getBytes()).longValueExact());
                }
                if (type instanceof DataType.DecimalType) {
                    return (r, v, row) -> ((DecimalVector) v).setBigEndian(row, r.readBytes().getBytes());
                }
                return null;
            default:
                return null;
        }
    }
}
