package dev.ember.columnar.tpch;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;

import java.util.List;

/** A generated TPC-H table held in memory: partitions of Arrow batches, read-only once built. */
public record TpchTableData(String name, double scaleFactor, Schema schema,
                            List<List<ColumnBatch>> partitions, long rowCount, long sizeInBytes) {
}
