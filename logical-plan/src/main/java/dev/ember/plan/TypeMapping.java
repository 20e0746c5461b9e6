package dev.ember.plan;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/** Between Calcite's SQL types and Ember's runtime types. */
public final class TypeMapping {
    private TypeMapping() {
    }

    public static DataType toEmber(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case TINYINT, SMALLINT, INTEGER -> DataType.INT;
            case BIGINT -> DataType.BIGINT;
            case DECIMAL -> DataType.decimal(Math.max(1, t.getPrecision()), Math.max(0, t.getScale()));
            case FLOAT, REAL, DOUBLE -> DataType.DOUBLE;
            case DATE -> DataType.DATE;
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DataType.TIMESTAMP;
            case CHAR, VARCHAR -> DataType.STRING;
            case NULL -> DataType.NULL;
            default -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    "values of type " + t.getFullTypeString() + " are not supported");
        };
    }

    public static RelDataType toCalcite(DataType t, boolean nullable, RelDataTypeFactory f) {
        RelDataType base = switch (t) {
            case DataType.BooleanType b -> f.createSqlType(SqlTypeName.BOOLEAN);
            case DataType.IntType i -> f.createSqlType(SqlTypeName.INTEGER);
            case DataType.BigIntType b -> f.createSqlType(SqlTypeName.BIGINT);
            case DataType.DoubleType d -> f.createSqlType(SqlTypeName.DOUBLE);
            case DataType.DecimalType d -> f.createSqlType(SqlTypeName.DECIMAL, d.precision(), d.scale());
            case DataType.DateType d -> f.createSqlType(SqlTypeName.DATE);
            case DataType.TimestampType ts -> f.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case DataType.StringType s -> f.createSqlType(SqlTypeName.VARCHAR);
            case DataType.NullType n -> f.createSqlType(SqlTypeName.NULL);
        };
        return f.createTypeWithNullability(base, nullable);
    }

    public static RelDataType rowType(Schema schema, RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Field field : schema.fields()) {
            b.add(field.name(), toCalcite(field.type(), field.nullable(), f));
        }
        return b.build();
    }

    public static Schema schema(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            fields.add(new Field(f.getName(), toEmber(f.getType()), f.getType().isNullable()));
        }
        return new Schema(fields);
    }
}
