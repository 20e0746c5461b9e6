package dev.ember.engine;

import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.plan.EmberTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Temporary views of DataFrames ({@code createOrReplaceTempView}). The catalog knows them as
 * tables of a {@link ViewSource} that holds the DataFrame's plan, so SQL validates against their
 * columns; after analysis, {@link #inline} puts the plan itself where the view is read, so the
 * optimizer sees one plan, as with SQL views.
 */
final class PlanViews {
    private PlanViews() {
    }

    /** A DataFrame's plan, standing in the catalog for its view; never read as a table. */
    record ViewSource(String name, Schema schema, RelNode plan) implements TableSource {
        @Override
        public int numPartitions() {
            return 1;
        }

        @Override
        public TableStatistics statistics() {
            return RddBatchSource.UNKNOWN;
        }

        @Override
        public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
            throw new IllegalStateException("the view " + name + " of a DataFrame was not put in place of its scan");
        }
    }

    static void create(EmberSession session, String name, DataFrame df, boolean replace) {
        Plan p = df.plan();
        Set<String> seen = new HashSet<>();
        for (String n : p.names()) {
            if (!seen.add(n.toLowerCase(Locale.ROOT))) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "a view cannot have two columns named `" + n
                        + "` (columns " + p.names() + "): rename one with withColumnRenamed or select");
            }
        }
        List<String> path = Names.split(name);
        String simple = path.get(path.size() - 1).toLowerCase(Locale.ROOT);
        session.catalog().create(path, new CatalogEntry.SourceTable(simple, new ViewSource(simple, p.schema(), p.rel()),
                "dataframe"), replace, false);
    }

    /** {@code rel} with every scan of a DataFrame view replaced by the view's plan (in subqueries too). */
    static RelNode inline(RelNode rel) {
        if (!readsView(rel)) {
            return rel;
        }
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (other instanceof TableScan scan) {
                    EmberTable t = scan.getTable().unwrap(EmberTable.class);
                    if (t != null && t.source() instanceof ViewSource v) {
                        RelNode plan = inline(PlanCopier.copy(v.plan(), scan.getCluster()));
                        return RelOptUtil.createCastRel(plan, scan.getRowType(), true);
                    }
                    return scan;
                }
                RelNode visited = super.visit(other);
                return visited.accept(new RexShuttle() {
                    @Override
                    public RexNode visitSubQuery(RexSubQuery subQuery) {
                        return ((RexSubQuery) super.visitSubQuery(subQuery)).clone(inline(subQuery.rel));
                    }
                });
            }
        });
    }

    private static boolean readsView(RelNode rel) {
        boolean[] found = {false};
        rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (found[0]) {
                    return other;
                }
                if (other instanceof TableScan scan) {
                    EmberTable t = scan.getTable().unwrap(EmberTable.class);
                    found[0] = t != null && t.source() instanceof ViewSource;
                    return other;
                }
                other.accept(new RexShuttle() {
                    @Override
                    public RexNode visitSubQuery(RexSubQuery subQuery) {
                        found[0] |= readsView(subQuery.rel);
                        return subQuery;
                    }
                });
                return super.visit(other);
            }
        });
        return found[0];
    }
}
