package dev.ember.columnar.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the scans of one file table did, summed over every query since the table was created
 * (or {@link #reset}): what was pruned before reading (files, Hive partitions, Parquet row
 * groups) and what was read. Shared by a table and the pruned views {@link TableSource#pushFilters}
 * returns, so a test or {@code EXPLAIN ANALYZE} reads them from the catalog's source.
 */
public final class ScanMetrics {
    /** Files whose Hive partition or statistics ruled them out. */
    public final LongAdder filesPruned = new LongAdder();
    /** Parquet row groups ruled out by their statistics. */
    public final LongAdder rowGroupsPruned = new LongAdder();
    /** Parquet row groups kept for reading after pruning. */
    public final LongAdder rowGroupsSelected = new LongAdder();
    /** Parquet row groups actually decoded. */
    public final LongAdder rowGroupsRead = new LongAdder();
    /** Splits (byte ranges, row groups, record batches) opened. */
    public final LongAdder splitsRead = new LongAdder();
    /** Bytes read from files (compressed size; for Parquet only the selected column chunks). */
    public final LongAdder bytesRead = new LongAdder();
    public final LongAdder rowsRead = new LongAdder();
    /** Records with a field that did not parse (PERMISSIVE: kept with NULLs; DROPMALFORMED: dropped). */
    public final LongAdder malformedRecords = new LongAdder();
    /** Records dropped by DROPMALFORMED. */
    public final LongAdder droppedRecords = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("filesPruned", filesPruned.sum());
        m.put("rowGroupsPruned", rowGroupsPruned.sum());
        m.put("rowGroupsSelected", rowGroupsSelected.sum());
        m.put("rowGroupsRead", rowGroupsRead.sum());
        m.put("splitsRead", splitsRead.sum());
        m.put("bytesRead", bytesRead.sum());
        m.put("rowsRead", rowsRead.sum());
        m.put("malformedRecords", malformedRecords.sum());
        m.put("droppedRecords", droppedRecords.sum());
        return m;
    }

    public void reset() {
        for (LongAdder a : new LongAdder[] {filesPruned, rowGroupsPruned, rowGroupsSelected, rowGroupsRead, splitsRead,
            bytesRead, rowsRead, malformedRecords, droppedRecords}) {
            a.reset();
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
