package dev.ember.engine;

import com.google.common.collect.ImmutableList;
import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.types.Field;
import dev.ember.plan.EmberTable;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plans that read a source no catalog names: {@code range}, {@code createDataFrame}, files from
 * {@code read()}, Rdds. The scan is the same {@code LogicalTableScan} of an {@link EmberTable}
 * that SQL's tables compile to, so the optimizer and the physical planner treat both alike
 * (column pruning, statistics, join strategies).
 */
final class SourcePlans {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private SourcePlans() {
    }

    /** A unique name for an anonymous table: {@code kind_N}. */
    static String name(String kind) {
        return kind + "_" + NEXT.incrementAndGet();
    }

    static Plan scan(EmberSession session, TableSource source, String table, String format, String qualifier) {
        RelOptCluster cluster = session.analyzer().newCluster();
        RelDataType rowType = TypeMapping.rowType(source.schema(), cluster.getTypeFactory());
        EmberTable t = new EmberTable(new CatalogEntry.SourceTable(table, source, format), List.of(table));
        RelNode scan = LogicalTableScan.create(cluster, RelOptTableImpl.create(null, rowType, ImmutableList.of(table), t,
                        (org.apache.calcite.linq4j.tree.Expression) null),
                List.of());
        List<Attribute> attrs = new ArrayList<>();
        for (Field f : source.schema().fields()) {
            attrs.add(Attribute.of(f.name(), qualifier));
        }
        return Plan.of(scan, attrs);
    }
}
