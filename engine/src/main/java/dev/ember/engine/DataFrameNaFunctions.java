package dev.ember.engine;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Missing values ({@link DataFrame#na}), as Spark's {@code DataFrameNaFunctions}: {@code fill}
 * replaces NULLs in the columns of a matching type, {@code drop} leaves out rows with NULLs.
 *
 * <pre>{@code
 * df.na().fill(0).na().fill("unknown", new String[] {"city"}).na().drop("all");
 * }</pre>
 */
public final class DataFrameNaFunctions {
    private final DataFrame df;

    DataFrameNaFunctions(DataFrame df) {
        this.df = df;
    }

    /** NULL numbers (INT, BIGINT, DOUBLE, DECIMAL columns) become {@code value}, cast to each column's type. */
    public DataFrame fill(double value) {
        return fill(value, null, true);
    }

    public DataFrame fill(long value) {
        return fill(value, null, true);
    }

    /** NULL strings become {@code value}. */
    public DataFrame fill(String value) {
        return fill(value, null, false);
    }

    public DataFrame fill(boolean value) {
        return fill(value, null, false);
    }

    public DataFrame fill(double value, String[] columns) {
        return fill(value, columns, true);
    }

    public DataFrame fill(long value, String[] columns) {
        return fill(value, columns, true);
    }

    public DataFrame fill(String value, String[] columns) {
        return fill(value, columns, false);
    }

    /** Per column: {@code fill(Map.of("city", "unknown", "age", 0))}. */
    public DataFrame fill(Map<String, Object> valuesByColumn) {
        Map<String, Column> replace = new LinkedHashMap<>();
        Schema s = df.schema();
        for (Map.Entry<String, Object> e : valuesByColumn.entrySet()) {
            int i = s.indexOf(e.getKey());
            if (i < 0) {
                df.col(e.getKey()); // fails with the closest names
            }
            replace.put(s.field(i).name(), filled(s.field(i).name(), s.type(i), e.getValue()));
        }
        return df.withColumns(replace);
    }

    private DataFrame fill(Object value, String[] columns, boolean numeric) {
        Schema s = df.schema();
        Map<String, Column> replace = new LinkedHashMap<>();
        for (int i = 0; i < s.size(); i++) {
            String name = s.field(i).name();
            DataType t = s.type(i);
            boolean named = columns == null || Arrays.stream(columns).anyMatch(name::equalsIgnoreCase);
            boolean fits = numeric ? isNumeric(t) : value instanceof Boolean ? t instanceof DataType.BooleanType
                    : t instanceof DataType.StringType;
            if (named && fits) {
                replace.put(name, filled(name, t, value));
            }
        }
        if (columns != null) {
            for (String c : columns) {
                df.col(c);
            }
        }
        return replace.isEmpty() ? df : df.withColumns(replace);
    }

    private Column filled(String name, DataType type, Object value) {
        return functions.coalesce(df.col(name), functions.lit(value).cast(type));
    }

    private static boolean isNumeric(DataType t) {
        return t instanceof DataType.IntType || t instanceof DataType.BigIntType || t instanceof DataType.DoubleType
                || t instanceof DataType.DecimalType;
    }

    /** Leaves out rows with any NULL. */
    public DataFrame drop() {
        return drop("any");
    }

    /** {@code "any"}: leaves out rows with a NULL; {@code "all"}: rows that are all NULL. */
    public DataFrame drop(String how) {
        return drop(how, df.columns());
    }

    public DataFrame drop(String[] columns) {
        return drop("any", columns);
    }

    public DataFrame drop(String how, String[] columns) {
        return switch (how.toLowerCase(java.util.Locale.ROOT)) {
            case "any" -> drop(columns.length, columns);
            case "all" -> drop(1, columns);
            default -> throw new IllegalArgumentException("how must be 'any' or 'all', not '" + how + "'");
        };
    }

    /** Keeps rows with at least {@code minNonNulls} values that are not NULL. */
    public DataFrame drop(int minNonNulls) {
        return drop(minNonNulls, df.columns());
    }

    public DataFrame drop(int minNonNulls, String[] columns) {
        List<Column> notNull = new ArrayList<>();
        for (String c : columns) {
            notNull.add(df.col(c).isNotNull());
        }
        if (notNull.isEmpty() || minNonNulls <= 0) {
            return df;
        }
        Column condition;
        if (minNonNulls >= notNull.size()) {
            condition = notNull.get(0);
            for (int i = 1; i < notNull.size(); i++) {
                condition = condition.and(notNull.get(i));
            }
        } else {
            Column count = null;
            for (Column n : notNull) {
                Column one = functions.when(n, 1).otherwise(0);
                count = count == null ? one : count.plus(one);
            }
            condition = count.geq(minNonNulls);
        }
        return df.filter(condition);
    }
}
