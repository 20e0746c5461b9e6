package dev.ember.plan;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A plan seen as a table by the validator: its row type is the plan's, and where a query reads
 * it the plan itself is put (as a view's query is). How the DataFrame API gives its inputs to
 * the SQL it compiles each operation into.
 */
final class PlanTable extends AbstractTable implements TranslatableTable {
    private final RelNode plan;

    PlanTable(RelNode plan) {
        this.plan = plan;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return plan.getRowType();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        if (context.getCluster() != plan.getCluster()) {
            throw new IllegalArgumentException("an input plan belongs to another cluster than the query's");
        }
        return plan;
    }
}
