package dev.ember.catalog;

import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.source.TableStatistics.ColumnStatistics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ANALYZE TABLE} measured of a table: its size in bytes, its row count (null after
 * NOSCAN, which reads no row), and per-column statistics (exact distinct counts, nulls, bounds,
 * average width). The optimizer sees them laid over the source's own estimates, so a file
 * table's guessed row count and missing column statistics give way to measured ones.
 */
public record AnalyzedStatistics(long sizeInBytes, Long rowCount, Map<String, ColumnStatistics> columns) {
    public AnalyzedStatistics {
        columns = Map.copyOf(columns);
    }

    /** The source's statistics with these measurements over them (unique keys stay the source's). */
    public TableStatistics over(TableStatistics source) {
        Map<String, ColumnStatistics> merged = new LinkedHashMap<>(source.columns());
        merged.putAll(columns);
        return new TableStatistics(rowCount != null ? rowCount : source.rowCount(), sizeInBytes,
                rowCount != null || source.exact(), merged, source.uniqueKeys());
    }

    /** These statistics with {@code later}'s over them: a later ANALYZE FOR COLUMNS keeps other columns' statistics. */
    public AnalyzedStatistics then(AnalyzedStatistics later) {
        Map<String, ColumnStatistics> merged = new LinkedHashMap<>(columns);
        merged.putAll(later.columns);
        return new AnalyzedStatistics(later.sizeInBytes, later.rowCount != null ? later.rowCount : rowCount, merged);
    }
}
