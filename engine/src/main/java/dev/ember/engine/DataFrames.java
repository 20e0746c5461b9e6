package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.config.EmberConf;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How {@link EmberSession} makes DataFrames that no SQL names: ranges, rows, beans and records, Rdds. */
final class DataFrames {
    private DataFrames() {
    }

    static DataFrame range(EmberSession session, long start, long end, long step, int partitions) {
        RangeSource source = new RangeSource(start, end, step, partitions, session.conf().get(EmberConf.BATCH_SIZE));
        return new DataFrame(session, SourcePlans.scan(session, source, SourcePlans.name("range"), "range", null));
    }

    static DataFrame fromRows(EmberSession session, List<Row> rows, Schema schema) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.size() != schema.size()) {
                throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "row " + r + " has " + r.size()
                        + " values but the schema has " + schema.size() + " columns: " + schema);
            }
            Object[] v = new Object[r.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = checked(r.get(i), schema.field(i));
            }
            values.add(v);
        }
        LocalRowsSource source = new LocalRowsSource(SourcePlans.name("rows"), schema, values, session.defaultParallelism(),
                session.conf().get(EmberConf.BATCH_SIZE));
        return new DataFrame(session, SourcePlans.scan(session, source, source.name(), "rows", null));
    }

    /** The value as the column keeps it, or a clear error now (rather than a failed task later). */
    private static Object checked(Object v, Field f) {
        if (v == null) {
            if (!f.nullable()) {
                throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "NULL in NOT NULL column `" + f.name() + "`");
            }
            return null;
        }
        boolean ok = switch (f.type()) {
            case DataType.BooleanType t -> v instanceof Boolean;
            case DataType.IntType t -> v instanceof Integer || v instanceof Short || v instanceof Byte;
            case DataType.BigIntType t -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            case DataType.DoubleType t -> v instanceof Number;
            case DataType.DecimalType t -> v instanceof Number;
            case DataType.DateType t -> v instanceof LocalDate || v instanceof java.sql.Date;
            case DataType.TimestampType t -> v instanceof LocalDateTime || v instanceof java.sql.Timestamp;
            case DataType.StringType t -> v instanceof String || v instanceof Character;
            case DataType.NullType t -> false;
        };
        if (!ok) {
            throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "value " + v + " (" + v.getClass().getSimpleName()
                    + ") does not fit column `" + f.name() + "` of type " + f.type().sql());
        }
        return v instanceof Character c ? c.toString() : v;
    }

    /** Java beans (their getters, sorted by name, as Spark does) or records (their components, in order). */
    static DataFrame fromBeans(EmberSession session, List<?> beans, Class<?> type) {
        List<Method> getters = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                getters.add(c.getAccessor());
                fields.add(new Field(c.getName(), typeOf(c.getType(), c.getName()), !c.getType().isPrimitive()));
            }
        } else {
            try {
                List<PropertyDescriptor> props = new ArrayList<>(List.of(Introspector.getBeanInfo(type, Object.class)
                        .getPropertyDescriptors()));
                props.sort(Comparator.comparing(PropertyDescriptor::getName));
                for (PropertyDescriptor p : props) {
                    if (p.getReadMethod() != null) {
                        getters.add(p.getReadMethod());
                        fields.add(new Field(p.getName(), typeOf(p.getPropertyType(), p.getName()), !p.getPropertyType().isPrimitive()));
                    }
                }
            } catch (IntrospectionException e) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "cannot read the properties of " + type.getName(), 0, 0, e);
            }
        }
        if (fields.isEmpty()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, type.getName() + " has no properties (getters) or record components");
        }
        List<Row> rows = new ArrayList<>(beans.size());
        Schema schema = new Schema(fields);
        for (Object b : beans) {
            Object[] v = new Object[getters.size()];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = getters.get(i).invoke(b);
                } catch (ReflectiveOperationException e) {
                    throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "cannot read " + fields.get(i).name() + " of " + b,
                            0, 0, e);
                }
                if (v[i] instanceof Float f) {
                    v[i] = f.doubleValue();
                }
            }
            rows.add(new Row(schema, v));
        }
        return fromRows(session, rows, schema);
    }

    /** Spark's mapping of Java types to columns. */
    static DataType typeOf(Class<?> c, String name) {
        if (c == boolean.class || c == Boolean.class) {
            return DataType.BOOLEAN;
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return DataType.INT;
        }
        if (c == long.class || c == Long.class) {
            return DataType.BIGINT;
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return DataType.DOUBLE;
        }
        if (c == BigDecimal.class) {
            return DataType.decimal(38, 18);
        }
        if (c == String.class) {
            return DataType.STRING;
        }
        if (c == LocalDate.class || c == java.sql.Date.class) {
            return DataType.DATE;
        }
        if (c == LocalDateTime.class || c == java.sql.Timestamp.class) {
            return DataType.TIMESTAMP;
        }
        throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "property `" + name + "` is a " + c.getName()
                + ", which has no column type (boolean, int, long, double, BigDecimal, String, LocalDate, LocalDateTime)");
    }

    static DataFrame fromRowRdd(EmberSession session, JavaRdd<Row> rows, Schema schema) {
        int batchSize = session.conf().get(EmberConf.BATCH_SIZE);
        Rdd<ColumnBatch> batches = new MapPartitionsRdd<>(rows.rdd(),
                (ctx, p, in) -> RowIterators.batches(in, schema, ctx.allocator(), batchSize), false).setName("ToBatches");
        return fromBatchRdd(session, batches, schema);
    }

    static DataFrame fromBatchRdd(EmberSession session, Rdd<ColumnBatch> batches, Schema schema) {
        String name = SourcePlans.name("rdd");
        return new DataFrame(session, SourcePlans.scan(session, new RddBatchSource(name, schema, batches), name, "rdd", null));
    }
}
