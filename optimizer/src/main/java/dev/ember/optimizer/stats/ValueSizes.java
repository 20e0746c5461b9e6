package dev.ember.optimizer.stats;

import org.apache.calcite.rel.metadata.RelMdSize;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Calcite's average value sizes, except for strings and binaries of unspecified length: Calcite
 * takes their precision (-1) times two bytes, a negative width, so that a plan of string columns
 * weighed less than nothing and any such side looked small enough to broadcast. Ember's strings
 * have no declared length; they count 20 bytes, Spark's default size of a string.
 */
public final class ValueSizes extends RelMdSize {
    static final double UNBOUNDED_STRING_BYTES = 20;

    @Override
    public Double averageTypeValueSize(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> {
                if (type.getPrecision() < 0) {
                    return UNBOUNDED_STRING_BYTES;
                }
            }
            default -> {
            }
        }
        return super.averageTypeValueSize(type);
    }
}
