package dev.ember.columnar.types;

import org.apache.arrow.vector.types.pojo.FieldType;

import java.util.Map;

/** A named, typed column of a {@link Schema}. */
public record Field(String name, DataType type, boolean nullable) {

    /** Metadata key under which the Arrow field records Ember's type (Arrow's own type is the layout). */
    public static final String TYPE_METADATA = "ember.type";

    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable);
    }

    /** The Arrow field describing this column's vector. */
    public org.apache.arrow.vector.types.pojo.Field toArrow() {
        return new org.apache.arrow.vector.types.pojo.Field(name,
                new FieldType(true, type.arrowType(), null, Map.of(TYPE_METADATA, type.sql())), null);
    }

    @Override
    public String toString() {
        return name + ": " + type.sql() + (nullable ? "" : " NOT NULL");
    }
}
