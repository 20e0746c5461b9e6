package dev.ember.columnar.types;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Ember's SQL types and how each is laid out in Arrow. The layout is fixed per type so that
 * every kernel knows its vector class without asking:
 * <ul>
 *   <li>BOOLEAN: BitVector; INT: IntVector; BIGINT: BigIntVector; DOUBLE: Float8Vector</li>
 *   <li>DECIMAL(p,s) with p &lt;= 18: BigIntVector holding the unscaled value (the hot path is long
 *       arithmetic); with p &gt; 18: Arrow's 128-bit DecimalVector</li>
 *   <li>DATE: DateDayVector (days since 1970-01-01); TIMESTAMP: TimeStampMicroVector</li>
 *   <li>STRING (VARCHAR/CHAR): VarCharVector with UTF-8 bytes</li>
 * </ul>
 */
public sealed interface DataType {

    /** SQL spelling, e.g. {@code DECIMAL(15,2)}. */
    String sql();

    /** The Arrow type of the vector that holds values of this type. */
    ArrowType arrowType();

    /** Bytes per value in the data buffer, or -1 for variable width. */
    int fixedWidth();

    record BooleanType() implements DataType {
        public String sql() { return "BOOLEAN"; }
        public ArrowType arrowType() { return ArrowType.Bool.INSTANCE; }
        public int fixedWidth() { return 1; }
        @Override public String toString() { return sql(); }
    }

    record IntType() implements DataType {
        public String sql() { return "INT"; }
        public ArrowType arrowType() { return new ArrowType.Int(32, true); }
        public int fixedWidth() { return 4; }
        @Override public String toString() { return sql(); }
    }

    record BigIntType() implements DataType {
        public String sql() { return "BIGINT"; }
        public ArrowType arrowType() { return new ArrowType.Int(64, true); }
        public int fixedWidth() { return 8; }
        @Override public String toString() { return sql(); }
    }

    record DoubleType() implements DataType {
        public String sql() { return "DOUBLE"; }
        public ArrowType arrowType() { return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE); }
        public int fixedWidth() { return 8; }
        @Override public String toString() { return sql(); }
    }

    record DecimalType(int precision, int scale) implements DataType {
        public static final int MAX_PRECISION = 38;
        public static final int MAX_LONG_PRECISION = 18;

        public DecimalType {
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("bad DECIMAL(" + precision + "," + scale + ")");
            }
        }

        /** True when values are unscaled longs (precision up to 18), false for 128-bit values. */
        public boolean isLong() { return precision <= MAX_LONG_PRECISION; }

        public String sql() { return "DECIMAL(" + precision + "," + scale + ")"; }
        public ArrowType arrowType() {
            return isLong() ? new ArrowType.Int(64, true) : new ArrowType.Decimal(precision, scale, 128);
        }
        public int fixedWidth() { return isLong() ? 8 : 16; }
        @Override public String toString() { return sql(); }
    }

    record DateType() implements DataType {
        public String sql() { return "DATE"; }
        public ArrowType arrowType() { return new ArrowType.Date(DateUnit.DAY); }
        public int fixedWidth() { return 4; }
        @Override public String toString() { return sql(); }
    }

    record TimestampType() implements DataType {
        public String sql() { return "TIMESTAMP"; }
        public ArrowType arrowType() { return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null); }
        public int fixedWidth() { return 8; }
        @Override public String toString() { return sql(); }
    }

    record StringType() implements DataType {
        public String sql() { return "STRING"; }
        public ArrowType arrowType() { return ArrowType.Utf8.INSTANCE; }
        public int fixedWidth() { return -1; }
        @Override public String toString() { return sql(); }
    }

    /** The type of an untyped NULL; stored as an all-null BitVector. */
    record NullType() implements DataType {
        public String sql() { return "NULL"; }
        public ArrowType arrowType() { return ArrowType.Bool.INSTANCE; }
        public int fixedWidth() { return 1; }
        @Override public String toString() { return sql(); }
    }

    DataType BOOLEAN = new BooleanType();
    DataType INT = new IntType();
    DataType BIGINT = new BigIntType();
    DataType DOUBLE = new DoubleType();
    DataType DATE = new DateType();
    DataType TIMESTAMP = new TimestampType();
    DataType STRING = new StringType();
    DataType NULL = new NullType();

    static DecimalType decimal(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    /** True for the types that hold numbers. */
    default boolean isNumeric() {
        return this instanceof IntType || this instanceof BigIntType || this instanceof DoubleType
                || this instanceof DecimalType;
    }
}
