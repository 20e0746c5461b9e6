package dev.ember.plan;

import dev.ember.catalog.CatalogEntry;
import org.apache.calcite.rel.RelNode;

/** Turns a view into the plan of its query, where the view is used. */
public interface ViewExpander {
    RelNode expand(CatalogEntry.View view, java.util.List<String> schemaPath, org.apache.calcite.plan.RelOptCluster cluster);

    org.apache.calcite.rel.type.RelDataType rowType(CatalogEntry.View view, java.util.List<String> schemaPath);
}
