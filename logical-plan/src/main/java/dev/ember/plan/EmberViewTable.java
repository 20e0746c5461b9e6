package dev.ember.plan;

import dev.ember.catalog.CatalogEntry;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

/** A view as Calcite sees it: expanded into its query's plan wherever it is referenced. */
final class EmberViewTable extends AbstractTable implements TranslatableTable {
    private final CatalogEntry.View view;
    private final List<String> schemaPath;
    private final ViewExpander expander;

    EmberViewTable(CatalogEntry.View view, List<String> schemaPath, ViewExpander expander) {
        this.view = view;
        this.schemaPath = schemaPath;
        this.expander = expander;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return expander.rowType(view, schemaPath);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return expander.expand(view, schemaPath, context.getCluster());
    }
}
