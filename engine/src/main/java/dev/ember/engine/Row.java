package dev.ember.engine;

import dev.ember.columnar.types.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One result row, as Spark's {@code Row}: values by position (or name) as Java objects —
 * Boolean, Integer, Long, Double, BigDecimal, LocalDate, LocalDateTime, String, or null.
 */
public final class Row {
    private final Schema schema;
    private final Object[] values;

    public Row(Schema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    public static Row of(Object... values) {
        return new Row(null, values);
    }

    public int size() {
        return values.length;
    }

    public int length() {
        return values.length;
    }

    public Schema schema() {
        return schema;
    }

    public Object get(int i) {
        return values[i];
    }

    public Object getAs(String column) {
        int i = schema == null ? -1 : schema.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + schema);
        }
        return values[i];
    }

    public boolean isNullAt(int i) {
        return values[i] == null;
    }

    public String getString(int i) {
        return (String) values[i];
    }

    public long getLong(int i) {
        return ((Number) values[i]).longValue();
    }

    public int getInt(int i) {
        return ((Number) values[i]).intValue();
    }

    public double getDouble(int i) {
        return ((Number) values[i]).doubleValue();
    }

    public BigDecimal getDecimal(int i) {
        return (BigDecimal) values[i];
    }

    public LocalDate getDate(int i) {
        return (LocalDate) values[i];
    }

    public boolean getBoolean(int i) {
        return (Boolean) values[i];
    }

    public List<Object> toList() {
        return Arrays.asList(values.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
