package dev.ember.columnar.tpch;

import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.InMemoryTable;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import io.trino.tpch.TpchTable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A table of the built-in {@code tpch} catalog. Statistics are known before generation (exact
 * row counts for all tables but lineitem, whose count is estimated until it is generated);
 * the data is generated on the first read and shared by every reader afterwards.
 */
public final class TpchTableSource implements TableSource {
    private final TpchTable<?> table;
    private final double scaleFactor;
    private final Schema schema;

    public TpchTableSource(TpchTable<?> table, double scaleFactor) {
        this.table = table;
        this.scaleFactor = scaleFactor;
        this.schema = TpchTables.schema(table);
    }

    @Override
    public String name() {
        return "tpch." + TpchScale.schemaName(scaleFactor) + "." + table.getTableName();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    @Override
    public int numPartitions() {
        return TpchTables.partitionCount(table.getTableName(), scaleFactor);
    }

    @Override
    public TableStatistics statistics() {
        String n = table.getTableName();
        TableStatistics s;
        if (TpchData.isGenerated(n, scaleFactor)) {
            TpchTableData d = TpchData.table(n, scaleFactor);
            s = TableStatistics.of(d.rowCount(), d.sizeInBytes(), true);
        } else {
            long rows = TpchTables.estimatedRows(n, scaleFactor);
            s = TableStatistics.of(rows, rows * TpchTables.averageRowBytes(n), !n.equals("lineitem"));
        }
        return new TableStatistics(s.rowCount(), s.sizeInBytes(), s.exact(), TpchColumnStatistics.of(n, scaleFactor),
                TpchTables.primaryKey(n));
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        TpchTableData data = TpchData.table(table.getTableName(), scaleFactor);
        return new InMemoryTable(name(), schema, data.partitions()).open(partition, columns, allocator);
    }
}
