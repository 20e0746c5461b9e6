package dev.ember.columnar;

import dev.ember.columnar.types.DataType;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Conversion between single values in vectors and Java objects, at the edges only (results,
 * literals, VALUES, tests): Boolean, Integer, Long, Double, BigDecimal, LocalDate,
 * LocalDateTime, String. Hot loops never come here.
 */
public final class Values {
    private Values() {
    }

    /** The Java value at {@code row}, or null. */
    public static Object get(FieldVector v, DataType type, int row) {
        if (v.isNull(row)) {
            return null;
        }
        return switch (type) {
            case DataType.BooleanType t -> ((BitVector) v).get(row) == 1;
            case DataType.IntType t -> ((IntVector) v).get(row);
            case DataType.BigIntType t -> ((BigIntVector) v).get(row);
            case DataType.DoubleType t -> ((Float8Vector) v).get(row);
            case DataType.DecimalType d -> d.isLong()
                    ? BigDecimal.valueOf(((BigIntVector) v).get(row), d.scale())
                    : ((DecimalVector) v).getObject(row);
            case DataType.DateType t -> LocalDate.ofEpochDay(((DateDayVector) v).get(row));
            case DataType.TimestampType t -> microsToTimestamp(((TimeStampMicroVector) v).get(row));
            case DataType.StringType t -> new String(((VarCharVector) v).get(row), StandardCharsets.UTF_8);
            case DataType.NullType t -> null;
        };
    }

    /** Writes a Java value (or null) at {@code row}, growing the vector as needed. */
    public static void set(FieldVector v, DataType type, int row, Object value) {
        if (value == null) {
            v.setNull(row);
            return;
        }
        switch (type) {
            case DataType.BooleanType t -> ((BitVector) v).setSafe(row, toBoolean(value) ? 1 : 0);
            case DataType.IntType t -> ((IntVector) v).setSafe(row, ((Number) value).intValue());
            case DataType.BigIntType t -> ((BigIntVector) v).setSafe(row, ((Number) value).longValue());
            case DataType.DoubleType t -> ((Float8Vector) v).setSafe(row, ((Number) value).doubleValue());
            case DataType.DecimalType d -> {
                BigDecimal bd = toBigDecimal(value).setScale(d.scale(), RoundingMode.HALF_UP);
                if (d.isLong()) {
                    ((BigIntVector) v).setSafe(row, bd.unscaledValue().longValueExact());
                } else {
                    ((DecimalVector) v).setSafe(row, bd);
                }
            }
            case DataType.DateType t -> ((DateDayVector) v).setSafe(row, (int) toEpochDay(value));
            case DataType.TimestampType t -> ((TimeStampMicroVector) v).setSafe(row, toMicros(value));
            case DataType.StringType t -> ((VarCharVector) v).setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
            case DataType.NullType t -> v.setNull(row);
        }
    }

    public static LocalDateTime microsToTimestamp(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
    }

    public static long toMicros(Object value) {
        if (value instanceof LocalDateTime t) {
            Instant i = t.toInstant(ZoneOffset.UTC);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return toMicros(ts.toLocalDateTime());
        }
        if (value instanceof LocalDate d) {
            return d.toEpochDay() * 86_400_000_000L;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return toMicros(LocalDateTime.parse(value.toString().replace(' ', 'T')));
    }

    public static long toEpochDay(Object value) {
        if (value instanceof LocalDate d) {
            return d.toEpochDay();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toEpochDay();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return LocalDate.parse(value.toString()).toEpochDay();
    }

    public static BigDecimal toBigDecimal(Object value) {
        return switch (value) {
            case BigDecimal b -> b;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Number n -> BigDecimal.valueOf(n.doubleValue());
            default -> new BigDecimal(value.toString().trim());
        };
    }

    private static boolean toBoolean(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
    }
}
