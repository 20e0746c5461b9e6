package dev.ember.columnar.source.parquet;

import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.source.ValueRange;
import dev.ember.columnar.types.Schema;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/**
 * Row-group pruning: the min, max and null count Parquet keeps per column chunk, turned into
 * Ember values, tested against pushed predicates. A column the file lacks is all NULL there.
 */
final class ParquetStatistics {
    private ParquetStatistics() {
    }

    static boolean mayMatch(BlockMetaData block, Schema dataSchema, List<PushedPredicate> predicates) {
        return ValueRange.mayMatchAll(predicates, c -> range(block, dataSchema.field(c).name()), dataSchema::type);
    }

    static ColumnChunkMetaData chunk(BlockMetaData block, String name) {
        for (ColumnChunkMetaData c : block.getColumns()) {
            String[] path = c.getPath().toArray();
            if (path.length == 1 && path[0].equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    static ValueRange range(BlockMetaData block, String column) {
        ColumnChunkMetaData c = chunk(block, column);
        long rows = block.getRowCount();
        if (c == null) {
            return new ValueRange(null, null, rows, rows);
        }
        Statistics<?> s = c.getStatistics();
        if (s == null || s.isEmpty()) {
            return new ValueRange(null, null, -1, rows);
        }
        long nulls = s.isNumNullsSet() ? s.getNumNulls() : -1;
        if (!s.hasNonNullValue()) {
            return new ValueRange(null, null, nulls, rows);
        }
        PrimitiveType type = c.getPrimitiveType();
        try {
            Object min = value(type, s.genericGetMin());
            Object max = value(type, s.genericGetMax());
            return new ValueRange(min, max, nulls, rows);
        } catch (RuntimeException e) {
            return new ValueRange(null, null, nulls, rows);
        }
    }

    /** A statistic as the Java value Ember uses for the column's type; null when not comparable. */
    static Object value(PrimitiveType type, Object v) {
        LogicalTypeAnnotation l = type.getLogicalTypeAnnotation();
        if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return switch (v) {
                case Integer i -> BigDecimal.valueOf(i, d.getScale());
                case Long x -> BigDecimal.valueOf(x, d.getScale());
                case Binary b -> new BigDecimal(new BigInteger(b.getBytes()), d.getScale());
                default -> null;
            };
        }
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? LocalDate.ofEpochDay((Integer) v)
                    : l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? null : v;
            case INT64 -> {
                if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    long micros = switch (t.getUnit()) {
                        case MILLIS -> (Long) v * 1000;
                        case MICROS -> (Long) v;
                        case NANOS -> Math.floorDiv((Long) v, 1000L);
                    };
                    yield dev.ember.columnar.Values.microsToTimestamp(micros);
                }
                yield l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? null : v;
            }
            case FLOAT -> ((Float) v).doubleValue();
            case DOUBLE, BOOLEAN -> v;
            case BINARY -> ((Binary) v).toStringUsingUTF8();
            default -> null;
        };
    }
}
