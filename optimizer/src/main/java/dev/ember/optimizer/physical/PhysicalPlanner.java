package dev.ember.optimizer.physical;


import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.plan.EmberTable;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ember's physical planning, written by hand because this is where the engine's behaviour is
 * decided: scans read only used columns; aggregations split into partial, hash exchange and
 * final unless the input is already partitioned on the keys; joins broadcast a side whose
 * estimated size is under {@code ember.sql.autoBroadcastJoinThreshold} (or a BROADCAST hint)
 * and otherwise shuffle both sides on the keys; a global ORDER BY range-partitions.
 */
public final class PhysicalPlanner {
    private final EmberConf conf;
    private final RelMetadataQuery mq;
    private final RexTranslator rex;
    private final int shufflePartitions;
    private final Map<PhysicalPlan, Estimate> estimates = new IdentityHashMap<>();
    private final Map<PhysicalPlan, String> notes = new IdentityHashMap<>();

    public PhysicalPlanner(EmberConf conf, RelMetadataQuery mq, RexTranslator rex) {
        this.conf = conf;
        this.mq = mq;
        this.rex = rex;
        this.shufflePartitions = conf.get(EmberConf.SHUFFLE_PARTITIONS);
    }

    /** A planned subtree and how its output is partitioned. */
    record Planned(PhysicalPlan plan, Partitioning partitioning) {
    }

    public PhysicalQuery plan(RelNode rel) {
        Planned p = visit(rel);
        return new PhysicalQuery(p.plan(), estimates, notes);
    }

    EmberConf conf() {
        return conf;
    }

    RelMetadataQuery mq() {
        return mq;
    }

    RexTranslator rex() {
        return rex;
    }

    int shufflePartitions() {
        return shufflePartitions;
    }

    Estimate estimate(RelNode rel) {
        Double rows = mq.getRowCount(rel);
        Double width = mq.getAverageRowSize(rel);
        double r = rows == null ? 1000 : rows;
        double w = width == null ? 8.0 * rel.getRowType().getFieldCount() : width;
        return new Estimate(r, r * w);
    }

    <T extends PhysicalPlan> T note(T plan, RelNode from) {
        if (from != null) {
            estimates.putIfAbsent(plan, estimate(from));
        }
        return plan;
    }

    void explain(PhysicalPlan plan, String why) {
        notes.put(plan, why);
    }

    Planned visit(RelNode rel) {
        return switch (rel) {
            case TableScan s -> scan(s, null);
            case Project p -> project(p);
            case Filter f -> {
                pushFiltersToScan(f);
                Planned child = visit(f.getInput());
                yield new Planned(note(new PhysicalPlan.Filter(child.plan(), rex.translate(f.getCondition())), f),
                        child.partitioning());
            }
            case Aggregate a -> AggregatePlanner.plan(this, a);
            case Sort s -> SortPlanner.plan(this, s);
            case Join j -> JoinPlanner.plan(this, j);
            case Union u -> union(u);
            case Values v -> values(v);
            case Correlate c -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    "this correlated subquery could not be rewritten as a join");
            case Intersect i -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "INTERSECT ALL is not supported yet");
            case Minus m -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "EXCEPT ALL is not supported yet");
            case org.apache.calcite.rel.core.Window w -> WindowPlanner.plan(this, w);
            default -> {
                throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "cannot run " + rel.getRelTypeName() + " yet");
            }
        };
    }

    /** Predicates to hand a scan's source, by the TableScan they apply to. */
    private final Map<TableScan, List<dev.ember.columnar.source.PushedPredicate>> pushed = new IdentityHashMap<>();

    /** Records the pushable conjuncts of a filter right over a scan (or a column-only projection of one). */
    private boolean pushFiltersToScan(Filter f) {
        TableScan ts;
        int[] columns;
        if (f.getInput() instanceof TableScan t) {
            ts = t;
            columns = new int[t.getRowType().getFieldCount()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = i;
            }
        } else if (f.getInput() instanceof Project p && p.getInput() instanceof TableScan t
                && p.getProjects().stream().allMatch(e -> e instanceof RexInputRef)) {
            ts = t;
            columns = p.getProjects().stream().mapToInt(e -> ((RexInputRef) e).getIndex()).toArray();
        } else {
            return false;
        }
        EmberTable table = ts.getTable().unwrap(EmberTable.class);
        if (table == null) {
            return false;
        }
        List<dev.ember.columnar.source.PushedPredicate> preds = FilterPushdown.extract(f.getCondition(), columns,
                table.source().schema(), f.getCluster().getRexBuilder());
        if (!preds.isEmpty()) {
            pushed.put(ts, preds);
        }
        return true;
    }

    /** A scan of the columns {@code columns} (all when null). */
    private Planned scan(TableScan s, int[] columns) {
        EmberTable table = s.getTable().unwrap(EmberTable.class);
        if (table == null) {
            throw new AnalysisException(ErrorClass.INTERNAL_ERROR, "cannot scan " + s.getTable().getQualifiedName());
        }
        dev.ember.columnar.source.TableSource source = table.source();
        List<dev.ember.columnar.source.PushedPredicate> preds = pushed.get(s);
        if (preds != null) {
            source = source.pushFilters(preds);
        }
        Schema full = source.schema();
        int[] cols = columns;
        if (cols == null) {
            cols = new int[full.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = i;
            }
        }
        PhysicalPlan.Scan scan = new PhysicalPlan.Scan(source, String.join(".", table.qualifiedName()), cols,
                full.project(cols));
        estimates.put(scan, scaled(estimate(s), cols.length, full.size()));
        if (preds != null) {
            StringBuilder sb = new StringBuilder("pushed: ");
            for (int i = 0; i < preds.size(); i++) {
                sb.append(i > 0 ? " AND " : "").append(preds.get(i).describe(full));
            }
            notes.put(scan, sb.toString());
        }
        return new Planned(scan, new Partitioning.Unknown(source.numPartitions()));
    }

    private static Estimate scaled(Estimate e, int used, int total) {
        return new Estimate(e.rows(), total == 0 ? e.bytes() : e.bytes() * used / total);
    }

    private Planned project(Project p) {
        List<RexNode> exprs = p.getProjects();
        // Project over a scan: read only the referenced columns.
        if (p.getInput() instanceof TableScan ts) {
            java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
            for (RexNode e : exprs) {
                used.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(e).asList());
            }
            int[] cols = used.stream().mapToInt(Integer::intValue).toArray();
            boolean identity = exprs.stream().allMatch(e -> e instanceof RexInputRef) && exprs.size() == cols.length;
            if (identity) {
                for (int i = 0; i < exprs.size(); i++) {
                    identity &= ((RexInputRef) exprs.get(i)).getIndex() == cols[i];
                }
            }
            Planned scan = scan(ts, cols);
            if (identity) {
                PhysicalPlan.Scan s = (PhysicalPlan.Scan) scan.plan();
                PhysicalPlan.Scan renamed = new PhysicalPlan.Scan(s.source(), s.table(), s.columns(),
                        rename(s.schema(), p.getRowType().getFieldNames()));
                estimates.put(renamed, estimates.get(s));
                if (notes.containsKey(s)) {
                    notes.put(renamed, notes.get(s));
                }
                return new Planned(renamed, scan.partitioning());
            }
            int[] remap = new int[ts.getRowType().getFieldCount()];
            for (int i = 0; i < cols.length; i++) {
                remap[cols[i]] = i;
            }
            // A partial mapping of the used columns only (none are used by count(*) or EXISTS (select 1 ...)).
            org.apache.calcite.util.mapping.Mapping mapping = org.apache.calcite.util.mapping.Mappings.create(
                    org.apache.calcite.util.mapping.MappingType.PARTIAL_FUNCTION, ts.getRowType().getFieldCount(), cols.length);
            for (int i = 0; i < cols.length; i++) {
                mapping.set(cols[i], i);
            }
            List<RexNode> shifted = new ArrayList<>();
            for (RexNode e : exprs) {
                shifted.add(org.apache.calcite.rex.RexUtil.apply(mapping, e));
            }
            return projectOver(scan, shifted, p);
        }
        return projectOver(visit(p.getInput()), exprs, p);
    }

    private Planned projectOver(Planned child, List<RexNode> exprs, Project p) {
        List<PhysicalExpr> pe = rex.translateAll(exprs);
        Schema schema = TypeMapping.schema(p.getRowType());
        int[] map = new int[exprs.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = exprs.get(i) instanceof RexInputRef r ? r.getIndex() : -1;
        }
        PhysicalPlan.Project proj = note(new PhysicalPlan.Project(child.plan(), pe, schema), p);
        return new Planned(proj, Partitioning.project(child.partitioning(), map));
    }

    static Schema rename(Schema s, List<String> names) {
        List<Field> fs = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            fs.add(s.field(i).withName(names.get(i)));
        }
        return new Schema(fs);
    }

    private Planned union(Union u) {
        if (!u.all) {
            throw new AnalysisException(ErrorClass.INTERNAL_ERROR, "UNION DISTINCT should have become an aggregate");
        }
        List<PhysicalPlan> inputs = new ArrayList<>();
        int parts = 0;
        Schema schema = TypeMapping.schema(u.getRowType());
        for (RelNode in : u.getInputs()) {
            Planned p = visit(in);
            inputs.add(castTo(p.plan(), schema));
            parts += p.partitioning().partitions();
        }
        return new Planned(note(new PhysicalPlan.Union(inputs, schema), u), new Partitioning.Unknown(parts));
    }

    /** Casts columns whose type differs from {@code target} (UNION inputs of differing decimal types). */
    private static PhysicalPlan castTo(PhysicalPlan plan, Schema target) {
        boolean same = true;
        for (int i = 0; i < target.size(); i++) {
            same &= plan.schema().type(i).equals(target.type(i));
        }
        if (same) {
            return plan;
        }
        List<PhysicalExpr> exprs = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            PhysicalExpr c = PhysicalExpr.col(i, plan.schema().type(i));
            exprs.add(plan.schema().type(i).equals(target.type(i)) ? c : new PhysicalExpr.Cast(c, target.type(i), false));
        }
        return new PhysicalPlan.Project(plan, exprs, target);
    }

    private Planned values(Values v) {
        Schema schema = TypeMapping.schema(v.getRowType());
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : v.getTuples()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) {
                row.add(external(RexTranslator.literalValue(tuple.get(i), schema.type(i)), schema.type(i)));
            }
            rows.add(row);
        }
        return new Planned(note(new PhysicalPlan.Values(schema, rows), v), new Partitioning.Single());
    }

    /** Internal literal representation to the Java objects VALUES rows carry. */
    static Object external(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case DataType.DateType d -> LocalDate.ofEpochDay(((Number) v).longValue());
            case DataType.TimestampType ts -> dev.ember.columnar.Values.microsToTimestamp(((Number) v).longValue());
            case DataType.DecimalType d -> v instanceof BigDecimal ? v : BigDecimal.valueOf(((Number) v).longValue(), d.scale());
            default -> v;
        };
    }

    /** Wraps a plan in an exchange. */
    PhysicalPlan exchange(PhysicalPlan child, Distribution d, RelNode estimateFrom) {
        return note(new PhysicalPlan.Exchange(child, d), estimateFrom);
    }
}
