package dev.ember.plan;

import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A catalog table as Calcite sees it: its row type and statistics. Scans of it become
 * {@code LogicalTableScan}s, which the physical planner unwraps back to the {@link TableSource}.
 */
public final class EmberTable extends AbstractTable {
    private final CatalogEntry.SourceTable entry;
    private final List<String> qualifiedName;
    private final dev.ember.catalog.AnalyzedStatistics analyzed;

    public EmberTable(CatalogEntry.SourceTable entry, List<String> qualifiedName) {
        this(entry, qualifiedName, null);
    }

    /** With {@code analyzed} (ANALYZE TABLE's measurements, may be null) over the source's estimates. */
    public EmberTable(CatalogEntry.SourceTable entry, List<String> qualifiedName, dev.ember.catalog.AnalyzedStatistics analyzed) {
        this.entry = entry;
        this.qualifiedName = List.copyOf(qualifiedName);
        this.analyzed = analyzed;
    }

    /** What the optimizer knows of the table: the source's estimates, with ANALYZE TABLE's measurements over them. */
    public TableStatistics statistics() {
        TableStatistics s = entry.source().statistics();
        return analyzed == null ? s : analyzed.over(s);
    }

    public TableSource source() {
        return entry.source();
    }

    public CatalogEntry.SourceTable entry() {
        return entry;
    }

    public List<String> qualifiedName() {
        return qualifiedName;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.rowType(entry.source().schema(), typeFactory);
    }

    @Override
    public Statistic getStatistic() {
        TableStatistics s = statistics();
        List<ImmutableBitSet> keys = new ArrayList<>();
        for (int[] k : s.uniqueKeys()) {
            keys.add(ImmutableBitSet.of(k));
        }
        return Statistics.of(s.rowCount(), keys);
    }
}
