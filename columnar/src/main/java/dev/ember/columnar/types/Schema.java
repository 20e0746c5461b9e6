package dev.ember.columnar.types;

import java.util.ArrayList;
import java.util.List;

/** The ordered columns of a batch, a table or an operator's output. */
public record Schema(List<Field> fields) {

    public Schema {
        fields = List.copyOf(fields);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    public DataType type(int i) {
        return fields.get(i).type();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    public List<DataType> types() {
        return fields.stream().map(Field::type).toList();
    }

    /** Index of the column with this name (case-insensitive), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The schema of the given columns, in the given order. */
    public Schema project(int[] columns) {
        List<Field> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(fields.get(c));
        }
        return new Schema(out);
    }

    public Schema concat(Schema other) {
        List<Field> out = new ArrayList<>(fields);
        out.addAll(other.fields);
        return new Schema(out);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
