package dev.ember.optimizer.stats;

import org.apache.calcite.rel.metadata.RelMdSize;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Calcite's average value sizes, except for strings and binaries of unspecified length: Calcite
 * takes their precision (-1) times two bytes, a negative width, so that a plan of string columns
 * weighed less than nothing and any such side looked small enough to broadcast. Ember's strings
 * have no declared length; they count 20 bytes, Spark's default size of a string, unless
 * ANALYZE TABLE measured the column's average length.
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

    /** A table's columns: measured widths (ANALYZE TABLE) where known, else by type. */
    public java.util.List<Double> averageColumnSizes(org.apache.calcite.rel.core.TableScan scan,
                                                     org.apache.calcite.rel.metadata.RelMetadataQuery mq) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        java.util.List<org.apache.calcite.rel.type.RelDataTypeField> fields = scan.getRowType().getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            dev.ember.columnar.source.TableStatistics.ColumnStatistics s = ColumnStats.of(scan.getTable(), i);
            out.add(s != null && s.avgWidth() != null ? s.avgWidth() : averageTypeValueSize(fields.get(i).getType()));
        }
        return out;
    }
}
