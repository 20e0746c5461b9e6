package dev.ember.jdbc;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * How Ember's types look through JDBC: the {@code java.sql.Types} code, the type name, precision,
 * scale, display size and the class {@code getObject} returns. STRING is reported as VARCHAR,
 * the SQL name tools know (Ember accepts both).
 */
final class ColumnTypes {
    private ColumnTypes() {
    }

    /** One column's JDBC description. */
    record JdbcType(int sqlType, String name, int precision, int scale, int displaySize, boolean signed,
                    String className, Rep rep) {
    }

    static JdbcType of(DataType type) {
        return switch (type) {
            case DataType.BooleanType b -> new JdbcType(Types.BOOLEAN, "BOOLEAN", 1, 0, 5, false, "java.lang.Boolean", Rep.BOOLEAN);
            case DataType.IntType i -> new JdbcType(Types.INTEGER, "INTEGER", 10, 0, 11, true, "java.lang.Integer", Rep.INTEGER);
            case DataType.BigIntType l -> new JdbcType(Types.BIGINT, "BIGINT", 19, 0, 20, true, "java.lang.Long", Rep.LONG);
            case DataType.DoubleType d -> new JdbcType(Types.DOUBLE, "DOUBLE", 15, 0, 24, true, "java.lang.Double", Rep.DOUBLE);
            case DataType.DecimalType d -> new JdbcType(Types.DECIMAL, "DECIMAL", d.precision(), d.scale(),
                    d.precision() + (d.scale() > 0 ? 2 : 1), true, "java.math.BigDecimal", Rep.NUMBER);
            case DataType.DateType d -> new JdbcType(Types.DATE, "DATE", 10, 0, 10, false, "java.sql.Date", Rep.JAVA_SQL_DATE);
            // yyyy-mm-dd hh:mm:ss.ffffff: microseconds.
            case DataType.TimestampType t -> new JdbcType(Types.TIMESTAMP, "TIMESTAMP", 26, 6, 26, false,
                    "java.sql.Timestamp", Rep.JAVA_SQL_TIMESTAMP);
            case DataType.StringType s -> new JdbcType(Types.VARCHAR, "VARCHAR", Integer.MAX_VALUE, 0, Integer.MAX_VALUE,
                    false, "java.lang.String", Rep.STRING);
            case DataType.NullType n -> new JdbcType(Types.NULL, "NULL", 0, 0, 4, false, "java.lang.Object", Rep.OBJECT);
        };
    }

    /** The Ember type a JDBC type code stands for, for parameters ({@code setNull}, {@code setObject(x, type)}). */
    static DataType fromSqlType(int sqlType, int scale) throws java.sql.SQLException {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> DataType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> DataType.INT;
            case Types.BIGINT -> DataType.BIGINT;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> DataType.DOUBLE;
            case Types.DECIMAL, Types.NUMERIC -> DataType.decimal(38, Math.max(0, Math.min(scale, 38)));
            case Types.DATE -> DataType.DATE;
            case Types.TIMESTAMP -> DataType.TIMESTAMP;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
                 Types.NCLOB -> DataType.STRING;
            case Types.NULL, Types.OTHER, Types.JAVA_OBJECT -> DataType.NULL;
            default -> throw new java.sql.SQLFeatureNotSupportedException(
                    "Ember has no SQL type for java.sql.Types code " + sqlType, "0A000");
        };
    }

    /** Result columns for a schema (labels are the column names; Ember results carry no table names). */
    static List<ColumnMetaData> columns(Schema schema) {
        List<ColumnMetaData> out = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            out.add(column(i, f.name(), of(f.type()), f.nullable() ? DatabaseMetaData.columnNullable
                    : DatabaseMetaData.columnNoNulls));
        }
        return out;
    }

    static ColumnMetaData column(int ordinal, String name, JdbcType t, int nullable) {
        return new ColumnMetaData(ordinal, false, t.sqlType() == Types.VARCHAR, true, false, nullable, t.signed(),
                t.displaySize(), name, name, "", t.precision(), t.scale(), "", "",
                ColumnMetaData.scalar(t.sqlType(), t.name(), t.rep()), true, false, false, t.className());
    }

    /** A column of a metadata result set ({@code getTables}...), typed by a JDBC code. */
    static ColumnMetaData metaColumn(int ordinal, String name, int sqlType) {
        JdbcType t = switch (sqlType) {
            case Types.SMALLINT -> new JdbcType(Types.SMALLINT, "SMALLINT", 5, 0, 6, true, "java.lang.Integer", Rep.INTEGER);
            case Types.INTEGER -> of(DataType.INT);
            case Types.BOOLEAN -> of(DataType.BOOLEAN);
            case Types.VARCHAR -> of(DataType.STRING);
            default -> throw new IllegalArgumentException("metadata column type " + sqlType);
        };
        return column(ordinal, name, t, DatabaseMetaData.columnNullable);
    }
}
