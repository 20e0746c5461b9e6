package dev.ember.optimizer.physical;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.plan.WindowCall.WindowFunction;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A Calcite {@link Window} becomes one physical Window per group (groups share a PARTITION BY,
 * ORDER BY and frame), each over the previous one's output, so the columns come out in Calcite's
 * order. Each is preceded by an exchange on its partition keys (all rows in one partition when
 * there are none) unless its input is already partitioned that way. Constant LAG/LEAD defaults
 * become columns of a projection below (cast to the function's type), removed again above.
 */
final class WindowPlanner {
    private WindowPlanner() {
    }

    static PhysicalPlanner.Planned plan(PhysicalPlanner pp, Window w) {
        // Everything that can be refused is checked before the input is planned: planning a scan
        // can already hold memory, which a failed plan would leave behind.
        int inputCount = w.getInput().getRowType().getFieldCount();
        Schema inSchema = TypeMapping.schema(w.getInput().getRowType());
        List<long[]> paramsPerGroup = new ArrayList<>();
        for (Window.Group g : w.groups) {
            if (g.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
                throw unsupported("window frames with EXCLUDE");
            }
            bound(w, g.lowerBound, g.isRows, inputCount);
            bound(w, g.upperBound, g.isRows, inputCount);
            long[] params = new long[g.aggCalls.size()];
            for (int ci = 0; ci < params.length; ci++) {
                Window.RexWinAggCall call = g.aggCalls.get(ci);
                WindowFunction fn = function(call);
                params[ci] = switch (fn) {
                    case LAG, LEAD -> call.getOperands().size() < 2 ? 1 : integer(w, call.getOperands().get(1), inputCount, fn);
                    case NTILE -> integer(w, call.getOperands().get(0), inputCount, fn);
                    case NTH_VALUE -> integer(w, call.getOperands().get(1), inputCount, fn);
                    default -> 0;
                };
                if ((fn == WindowFunction.NTILE || fn == WindowFunction.NTH_VALUE) && params[ci] < 1) {
                    throw new AnalysisException(ErrorClass.INVALID_ARGUMENT,
                            fn.name().toLowerCase(java.util.Locale.ROOT) + " needs a positive number, not " + params[ci]);
                }
            }
            paramsPerGroup.add(params);
        }

        // Constant defaults of LAG/LEAD: extra input columns.
        List<PhysicalExpr> extra = new ArrayList<>();
        List<Field> extraFields = new ArrayList<>();
        List<List<int[]>> argsPerGroup = new ArrayList<>();
        for (Window.Group g : w.groups) {
            List<int[]> groupArgs = new ArrayList<>();
            for (Window.RexWinAggCall call : g.aggCalls) {
                List<RexNode> ops = call.getOperands();
                WindowFunction fn = function(call);
                int[] args = switch (fn) {
                    case LAG, LEAD -> {
                        int value = column(ops.get(0), inputCount, "the value of " + fn);
                        if (ops.size() < 3) {
                            yield new int[] {value};
                        }
                        RexNode def = ops.get(2);
                        DataType type = TypeMapping.toEmber(call.getType());
                        int defCol;
                        if (def instanceof RexInputRef r && r.getIndex() < inputCount) {
                            if (!inSchema.type(r.getIndex()).equals(type)) {
                                throw unsupported("a " + fn + " default column of another type than the value");
                            }
                            defCol = r.getIndex();
                        } else {
                            RexLiteral lit = constant(w, def, inputCount);
                            PhysicalExpr e = RexTranslator.literal(lit);
                            if (e.type() instanceof DataType.StringType && !(type instanceof DataType.StringType) && !lit.isNull()) {
                                // Spark and DuckDB reject it too; a cast would fail on every row.
                                throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "the default of "
                                        + fn.name().toLowerCase(java.util.Locale.ROOT) + " must have the type of its value ("
                                        + type.sql() + "), not STRING: " + lit);
                            }
                            if (!e.type().equals(type)) {
                                e = new PhysicalExpr.Cast(e, type, false);
                            }
                            defCol = inputCount + extra.size();
                            extra.add(e);
                            extraFields.add(new Field("$default" + extra.size(), type, true));
                        }
                        yield new int[] {value, defCol};
                    }
                    case NTILE -> new int[0];
                    case NTH_VALUE -> new int[] {column(ops.get(0), inputCount, "the value of NTH_VALUE")};
                    default -> {
                        int[] a = new int[ops.size()];
                        for (int i = 0; i < a.length; i++) {
                            a[i] = column(ops.get(i), inputCount, "an argument of " + fn);
                        }
                        yield a;
                    }
                };
                groupArgs.add(args);
            }
            argsPerGroup.add(groupArgs);
        }

        PhysicalPlanner.Planned child = pp.visit(w.getInput());
        PhysicalPlan plan = child.plan();
        Partitioning part = child.partitioning();
        if (!extra.isEmpty()) {
            List<PhysicalExpr> exprs = new ArrayList<>();
            List<Field> fields = new ArrayList<>(inSchema.fields());
            for (int i = 0; i < inputCount; i++) {
                exprs.add(PhysicalExpr.col(i, inSchema.type(i)));
            }
            exprs.addAll(extra);
            fields.addAll(extraFields);
            plan = new PhysicalPlan.Project(plan, exprs, new Schema(fields));
        }

        List<RelDataTypeField> outFields = w.getRowType().getFieldList();
        int out = inputCount;
        for (int gi = 0; gi < w.groups.size(); gi++) {
            Window.Group g = w.groups.get(gi);
            int[] keys = g.keys.toArray();
            List<SortKey> order = new ArrayList<>();
            for (RelFieldCollation fc : g.orderKeys.getFieldCollations()) {
                boolean asc = !fc.direction.isDescending();
                boolean nullsFirst = switch (fc.nullDirection) {
                    case FIRST -> true;
                    case LAST -> false;
                    default -> asc;
                };
                order.add(new SortKey(fc.getFieldIndex(), asc, nullsFirst));
            }
            long start = bound(w, g.lowerBound, g.isRows, inputCount);
            long end = bound(w, g.upperBound, g.isRows, inputCount);
            List<WindowCall> calls = new ArrayList<>();
            List<Field> fields = new ArrayList<>(plan.schema().fields());
            for (int ci = 0; ci < g.aggCalls.size(); ci++) {
                Window.RexWinAggCall call = g.aggCalls.get(ci);
                WindowFunction fn = function(call);
                long param = paramsPerGroup.get(gi)[ci];
                DataType type = TypeMapping.toEmber(call.getType());
                String name = outFields.get(out).getName();
                out++;
                calls.add(new WindowCall(fn, argsPerGroup.get(gi).get(ci), param, g.isRows, start, end, type, name));
                fields.add(new Field(name, type, true));
            }
            if (keys.length == 0) {
                if (!(part instanceof Partitioning.Single)) {
                    plan = pp.exchange(plan, new Distribution.Single(), w);
                    part = new Partitioning.Single();
                }
            } else if (!(part instanceof Partitioning.Single) && !(part instanceof Partitioning.Hash h && h.clusters(keys))) {
                int n = pp.shufflePartitions();
                plan = pp.exchange(plan, new Distribution.Hash(keys, n), w);
                part = new Partitioning.Hash(keys, n);
            }
            plan = pp.note(new PhysicalPlan.Window(plan, keys, order, calls, new Schema(fields)), w);
        }

        if (!extra.isEmpty()) {
            // Drop the constant columns: input columns, then every function's result.
            Schema s = plan.schema();
            List<PhysicalExpr> exprs = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (i < inputCount || i >= inputCount + extra.size()) {
                    exprs.add(PhysicalExpr.col(i, s.type(i)));
                    fields.add(s.field(i));
                }
            }
            plan = new PhysicalPlan.Project(plan, exprs, new Schema(fields));
        }
        return new PhysicalPlanner.Planned(plan, part);
    }

    private static WindowFunction function(Window.RexWinAggCall call) {
        if (call.distinct) {
            throw unsupported("DISTINCT in a window function");
        }
        if (call.ignoreNulls) {
            throw unsupported("IGNORE NULLS in a window function");
        }
        return switch (call.getOperator().getKind()) {
            case ROW_NUMBER -> WindowFunction.ROW_NUMBER;
            case RANK -> WindowFunction.RANK;
            case DENSE_RANK -> WindowFunction.DENSE_RANK;
            case PERCENT_RANK -> WindowFunction.PERCENT_RANK;
            case CUME_DIST -> WindowFunction.CUME_DIST;
            case NTILE -> WindowFunction.NTILE;
            case LAG -> WindowFunction.LAG;
            case LEAD -> WindowFunction.LEAD;
            case FIRST_VALUE -> WindowFunction.FIRST_VALUE;
            case LAST_VALUE -> WindowFunction.LAST_VALUE;
            case NTH_VALUE -> WindowFunction.NTH_VALUE;
            case COUNT -> call.getOperands().isEmpty() ? WindowFunction.COUNT_STAR : WindowFunction.COUNT;
            case SUM -> WindowFunction.SUM;
            case SUM0 -> WindowFunction.SUM0;
            case AVG -> WindowFunction.AVG;
            case MIN -> WindowFunction.MIN;
            case MAX -> WindowFunction.MAX;
            default -> throw unsupported("the window function " + call.getOperator().getName().toLowerCase(java.util.Locale.ROOT));
        };
    }

    private static int column(RexNode e, int inputCount, String what) {
        if (e instanceof RexInputRef r && r.getIndex() < inputCount) {
            return r.getIndex();
        }
        throw unsupported("a constant as " + what);
    }

    /** A window operand that is a constant: a literal, or a reference past the input to the window's constants. */
    private static RexLiteral constant(Window w, RexNode e, int inputCount) {
        if (e instanceof RexLiteral lit) {
            return lit;
        }
        if (e instanceof RexInputRef r && r.getIndex() >= inputCount) {
            return w.constants.get(r.getIndex() - inputCount);
        }
        throw unsupported("a window function parameter that is not a constant (" + e + ")");
    }

    private static long integer(Window w, RexNode e, int inputCount, WindowFunction fn) {
        RexLiteral lit = constant(w, e, inputCount);
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null || v.scale() > 0 && v.stripTrailingZeros().scale() > 0) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT,
                    fn.name().toLowerCase(java.util.Locale.ROOT) + " needs a whole number, not " + lit);
        }
        return v.longValueExact();
    }

    private static long bound(Window w, RexWindowBound b, boolean rows, int inputCount) {
        if (b.isUnbounded()) {
            return b.isPreceding() ? WindowCall.UNBOUNDED_PRECEDING : WindowCall.UNBOUNDED_FOLLOWING;
        }
        if (b.isCurrentRow()) {
            return 0;
        }
        if (!rows) {
            throw unsupported("RANGE frames with an offset (n PRECEDING / FOLLOWING); use ROWS, or UNBOUNDED and CURRENT ROW");
        }
        RexLiteral lit = constant(w, b.getOffset(), inputCount);
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null || v.signum() < 0) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "a ROWS frame offset must be a non-negative whole number, not " + lit);
        }
        long n = v.longValueExact();
        return b.isPreceding() ? -n : n;
    }

    private static AnalysisException unsupported(String what) {
        return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, what + " is not supported yet");
    }
}
