package dev.ember.columnar.source;

import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Where a table's rows come from: a fixed number of partitions, each read as a stream of
 * batches holding only the requested columns. Implemented by the built-in tpch tables,
 * in-memory tables and file formats.
 */
public interface TableSource {

    String name();

    Schema schema();

    int numPartitions();

    TableStatistics statistics();

    /**
     * Reads one partition. {@code columns} are indices into {@link #schema()}; the batches hold
     * exactly those columns, in that order. Batches are borrowed (valid until the next call).
     */
    BatchReader open(int partition, int[] columns, BufferAllocator allocator);

    /**
     * Offers the conjuncts of a filter over this source. Returns a source that reads only the
     * data that may satisfy all of them (its partitions and statistics reflect what was pruned),
     * or {@code this} when nothing can be skipped. Best effort: rows that fail the predicates may
     * still be read, so the caller keeps its filter above the scan. Cheap enough to call at
     * planning time (file sources prune from metadata they already hold).
     */
    default TableSource pushFilters(java.util.List<PushedPredicate> predicates) {
        return this;
    }
}
