package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.TableSource;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.LocalCluster;

/**
 * A table whose rows are a persisted Rdd (a cached relation). The optimizer sees it as a table;
 * the plan compiler reads it through {@link #rdd}, so its partitions come from the block
 * managers (or are recomputed from the cached plan's lineage when missing), never from
 * {@link TableSource#open}.
 */
public interface CachedSource extends TableSource {

    /** The persisted Rdd on this cluster (compiled for it on first use). */
    Rdd<ColumnBatch> rdd(LocalCluster cluster);
}
