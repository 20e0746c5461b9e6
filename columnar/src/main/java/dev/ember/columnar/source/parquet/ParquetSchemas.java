package dev.ember.columnar.source.parquet;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ember types in Parquet and back. Written: BOOLEAN, INT32, INT64, DOUBLE; DECIMAL(p,s) as INT32
 * (p &lt;= 9), INT64 (p &lt;= 18) or FIXED_LEN_BYTE_ARRAY, annotated DECIMAL(p,s) (what Spark and
 * DuckDB write); DATE as INT32 DATE; TIMESTAMP as INT64 TIMESTAMP(MICROS, not adjusted to UTC);
 * STRING as BINARY STRING. Read: those, plus INT8/16 and unsigned ints, FLOAT, INT96 and
 * milli/nanosecond timestamps, BINARY without annotation (as STRING) and decimals in any physical
 * type. Nested columns (groups, lists, maps) are not read yet.
 */
final class ParquetSchemas {
    private ParquetSchemas() {
    }

    static MessageType toParquet(Schema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Field f : schema.fields()) {
            b.addField(toParquet(f));
        }
        return b.named("ember_schema");
    }

    static PrimitiveType toParquet(Field f) {
        Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (f.type()) {
            case DataType.BooleanType t -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
            case DataType.NullType t -> Types.primitive(PrimitiveTypeName.BOOLEAN, Type.Repetition.OPTIONAL).named(f.name());
            case DataType.IntType t -> Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
            case DataType.BigIntType t -> Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
            case DataType.DoubleType t -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
            case DataType.DecimalType d -> {
                LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
                if (d.precision() <= 9) {
                    yield Types.primitive(PrimitiveTypeName.INT32, rep).as(dec).named(f.name());
                } else if (d.precision() <= 18) {
                    yield Types.primitive(PrimitiveTypeName.INT64, rep).as(dec).named(f.name());
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(bytesFor(d.precision()))
                        .as(dec).named(f.name());
            }
            case DataType.DateType t -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType())
                    .named(f.name());
            case DataType.TimestampType t -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(f.name());
            case DataType.StringType t -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
                    .named(f.name());
        };
    }

    /** Bytes of a two's complement integer holding every value of {@code precision} digits. */
    static int bytesFor(int precision) {
        int n = 1;
        while (Math.pow(2, 8 * n - 1) < Math.pow(10, precision)) {
            n++;
        }
        return n;
    }

    static Schema toEmber(MessageType type, Path file) {
        List<Field> fields = new ArrayList<>();
        for (Type t : type.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "column `" + t.getName() + "` of " + file
                        + " is nested (" + t + "); Ember reads flat Parquet columns only");
            }
            fields.add(new Field(t.getName(), toEmber(t.asPrimitiveType(), file), !t.isRepetition(Type.Repetition.REQUIRED)));
        }
        return new Schema(fields);
    }

    static DataType toEmber(PrimitiveType p, Path file) {
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return DataType.decimal(Math.max(1, d.getPrecision()), d.getScale());
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> {
                if (l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield DataType.DATE;
                }
                if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
                    yield DataType.BIGINT;
                }
                if (l == null || l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    yield DataType.INT;
                }
                throw unsupported(p, file);
            }
            case INT64 -> {
                if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    yield DataType.TIMESTAMP;
                }
                if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield DataType.decimal(20, 0);
                }
                if (l == null || l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    yield DataType.BIGINT;
                }
                throw unsupported(p, file);
            }
            case INT96 -> DataType.TIMESTAMP;
            case FLOAT, DOUBLE -> DataType.DOUBLE;
            case BINARY -> DataType.STRING;
            case FIXED_LEN_BYTE_ARRAY -> {
                if (l instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    yield DataType.STRING;
                }
                throw unsupported(p, file);
            }
        };
    }

    private static AnalysisException unsupported(PrimitiveType p, Path file) {
        return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "column `" + p.getName() + "` of " + file
                + " has Parquet type " + p + ", which Ember does not read yet");
    }
}
