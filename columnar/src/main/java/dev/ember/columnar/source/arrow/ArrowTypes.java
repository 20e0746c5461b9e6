package dev.ember.columnar.source.arrow;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ember types in Arrow IPC files. Written as standard Arrow types (DECIMAL(p,s) as Decimal128
 * even where Ember holds unscaled longs) with Ember's type in the field metadata
 * ({@code ember.type}); read from that metadata when present, else from the Arrow type (ints of
 * any width, floats, decimals, dates, timestamps of any unit, UTF-8 strings, booleans).
 */
final class ArrowTypes {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    private ArrowTypes() {
    }

    /** The Arrow type written for an Ember type. */
    static ArrowType written(DataType t) {
        return t instanceof DataType.DecimalType d ? new ArrowType.Decimal(d.precision(), d.scale(), 128) : t.arrowType();
    }

    static org.apache.arrow.vector.types.pojo.Field field(Field f) {
        return new org.apache.arrow.vector.types.pojo.Field(f.name(),
                new FieldType(f.nullable(), written(f.type()), null, Map.of(Field.TYPE_METADATA, f.type().sql())), null);
    }

    static DataType fromSql(String sql) {
        Matcher m = DECIMAL.matcher(sql);
        if (m.matches()) {
            return DataType.decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (sql) {
            case "BOOLEAN" -> DataType.BOOLEAN;
            case "INT" -> DataType.INT;
            case "BIGINT" -> DataType.BIGINT;
            case "DOUBLE" -> DataType.DOUBLE;
            case "DATE" -> DataType.DATE;
            case "TIMESTAMP" -> DataType.TIMESTAMP;
            case "STRING" -> DataType.STRING;
            default -> null;
        };
    }

    static Field toEmber(org.apache.arrow.vector.types.pojo.Field f, Path file) {
        String meta = f.getMetadata() == null ? null : f.getMetadata().get(Field.TYPE_METADATA);
        DataType t = meta == null ? null : fromSql(meta);
        if (t == null) {
            t = toEmber(f.getType(), f.getName(), file);
        }
        return new Field(f.getName(), t, f.isNullable());
    }

    static DataType toEmber(ArrowType a, String name, Path file) {
        return switch (a) {
            case ArrowType.Bool b -> DataType.BOOLEAN;
            case ArrowType.Int i -> i.getBitWidth() < 32 || (i.getBitWidth() == 32 && i.getIsSigned()) ? DataType.INT
                    : i.getBitWidth() == 64 && !i.getIsSigned() ? DataType.decimal(20, 0) : DataType.BIGINT;
            case ArrowType.FloatingPoint fp -> DataType.DOUBLE;
            case ArrowType.Decimal d when d.getBitWidth() == 128 -> DataType.decimal(Math.max(1, d.getPrecision()), d.getScale());
            case ArrowType.Date d -> DataType.DATE;
            case ArrowType.Timestamp ts -> DataType.TIMESTAMP;
            case ArrowType.Utf8 u -> DataType.STRING;
            case ArrowType.LargeUtf8 u -> DataType.STRING;
            case ArrowType.Null n -> DataType.STRING;
            default -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "column `" + name + "` of " + file
                    + " has Arrow type " + a + ", which Ember does not read yet");
        };
    }
}
