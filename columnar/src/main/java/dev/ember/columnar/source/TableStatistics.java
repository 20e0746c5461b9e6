package dev.ember.columnar.source;

import java.util.Map;

/**
 * What the optimizer knows of a table before reading it: rows and bytes (exact for tpch and
 * in-memory tables, estimated for files), and per-column statistics where computed.
 */
public record TableStatistics(double rowCount, long sizeInBytes, boolean exact, Map<String, ColumnStatistics> columns,
                              java.util.List<int[]> uniqueKeys) {

    public static TableStatistics of(double rowCount, long sizeInBytes, boolean exact) {
        return new TableStatistics(rowCount, sizeInBytes, exact, Map.of(), java.util.List.of());
    }

    /** The same statistics with these column sets declared unique (primary keys). */
    public TableStatistics withUniqueKeys(java.util.List<int[]> keys) {
        return new TableStatistics(rowCount, sizeInBytes, exact, columns, keys);
    }

    /** Distinct values, nulls, bounds and average width of one column; null fields are unknown. */
    public record ColumnStatistics(Double distinctCount, Double nullCount, Object min, Object max, Double avgWidth) {
    }
}
