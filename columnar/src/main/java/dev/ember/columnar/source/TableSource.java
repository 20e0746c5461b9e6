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
}
