package dev.ember.optimizer.physical;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.ops.HashAggregateOp;
import dev.ember.physical.plan.AggFunction;
import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.AggregateCall;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an aggregation: one COMPLETE aggregate when the input is already partitioned on (a
 * subset of) the group keys, else PARTIAL per input partition, an exchange on the keys (or to
 * one partition without keys), and FINAL. {@code LITERAL_AGG} calls become constants in a
 * projection on top.
 */
final class AggregatePlanner {
    private AggregatePlanner() {
    }

    static PhysicalPlanner.Planned plan(PhysicalPlanner pp, Aggregate a) {
        if (a.getGroupType() != Aggregate.Group.SIMPLE) {
            throw new AnalysisException(ErrorClass.INTERNAL_ERROR, "grouping sets should have been expanded");
        }
        PhysicalPlanner.Planned child = pp.visit(a.getInput());
        Schema in = child.plan().schema();
        int[] keys = a.getGroupSet().toArray();
        List<AggregateCall> calls = new ArrayList<>();
        List<Integer> callOutput = new ArrayList<>();
        List<RelDataTypeField> outFields = a.getRowType().getFieldList();
        List<PhysicalExpr> literalAggs = new ArrayList<>();
        for (int i = 0; i < a.getAggCallList().size(); i++) {
            org.apache.calcite.rel.core.AggregateCall c = a.getAggCallList().get(i);
            RelDataTypeField f = outFields.get(keys.length + i);
            if (c.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                RexLiteral lit = (RexLiteral) c.rexList.get(0);
                literalAggs.add(RexTranslator.literal(lit));
                callOutput.add(-1);
                continue;
            }
            literalAggs.add(null);
            if (c.isDistinct()) {
                throw new AnalysisException(ErrorClass.INTERNAL_ERROR, "DISTINCT aggregates should have been expanded: " + c);
            }
            AggFunction fn = function(c);
            int[] args = c.getArgList().stream().mapToInt(Integer::intValue).toArray();
            DataType argType = args.length == 0 ? DataType.BIGINT : in.type(args[0]);
            callOutput.add(calls.size());
            calls.add(new AggregateCall(fn, args, c.filterArg, argType, TypeMapping.toEmber(c.getType()), f.getName()));
        }
        List<Field> fields = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            RelDataTypeField f = outFields.get(k);
            fields.add(new Field(f.getName(), in.type(keys[k]), f.getType().isNullable()));
        }
        for (int i = 0; i < callOutput.size(); i++) {
            if (callOutput.get(i) >= 0) {
                AggregateCall c = calls.get(callOutput.get(i));
                fields.add(new Field(c.name(), c.resultType(), true));
            }
        }
        Schema out = new Schema(fields);
        Partitioning part = child.partitioning();
        boolean colocated = part instanceof Partitioning.Single
                || (part instanceof Partitioning.Hash h && keys.length > 0 && h.clusters(keys));
        PhysicalPlan plan;
        int n = pp.shufflePartitions();
        Partitioning outPart;
        int[] outKeys = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            outKeys[k] = k;
        }
        if (colocated) {
            plan = pp.note(new PhysicalPlan.HashAggregate(child.plan(), AggMode.COMPLETE, keys, calls, out), a);
            // Still partitioned as the input was: on the input's hash keys, now at their output positions.
            outPart = Partitioning.project(part, keys);
        } else {
            List<String> keyNames = fields.subList(0, keys.length).stream().map(Field::name).toList();
            Schema partialSchema = HashAggregateOp.partialSchema(in, keys, calls, keyNames);
            PhysicalPlan partial = new PhysicalPlan.HashAggregate(child.plan(), AggMode.PARTIAL, keys, calls, partialSchema);
            Distribution d = keys.length == 0 ? new Distribution.Single() : new Distribution.Hash(outKeys, n);
            PhysicalPlan exchange = pp.exchange(partial, d, a);
            plan = pp.note(new PhysicalPlan.HashAggregate(exchange, AggMode.FINAL, outKeys, calls, out), a);
            outPart = keys.length == 0 ? new Partitioning.Single() : new Partitioning.Hash(outKeys, n);
        }
        if (literalAggs.stream().allMatch(java.util.Objects::isNull)) {
            return new PhysicalPlanner.Planned(plan, outPart);
        }
        // Re-insert LITERAL_AGG columns as constants.
        List<PhysicalExpr> exprs = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            exprs.add(PhysicalExpr.col(k, out.type(k)));
        }
        for (int i = 0; i < literalAggs.size(); i++) {
            PhysicalExpr lit = literalAggs.get(i);
            exprs.add(lit != null ? lit : PhysicalExpr.col(keys.length + callOutput.get(i), calls.get(callOutput.get(i)).resultType()));
        }
        Schema finalSchema = TypeMapping.schema(a.getRowType());
        return new PhysicalPlanner.Planned(new PhysicalPlan.Project(plan, exprs, finalSchema), outPart);
    }

    private static AggFunction function(org.apache.calcite.rel.core.AggregateCall c) {
        SqlKind kind = c.getAggregation().getKind();
        return switch (kind) {
            case COUNT -> c.getArgList().isEmpty() ? AggFunction.COUNT_STAR : AggFunction.COUNT;
            case SUM -> AggFunction.SUM;
            case SUM0 -> AggFunction.SUM0;
            case AVG -> AggFunction.AVG;
            case MIN -> AggFunction.MIN;
            case MAX -> AggFunction.MAX;
            case SINGLE_VALUE -> AggFunction.SINGLE_VALUE;
            case ANY_VALUE -> AggFunction.ANY_VALUE;
            case BIT_AND -> AggFunction.BOOL_AND;
            default -> {
                String name = c.getAggregation().getName().toUpperCase(java.util.Locale.ROOT);
                yield switch (name) {
                    case "EVERY", "BOOL_AND" -> AggFunction.BOOL_AND;
                    case "SOME", "BOOL_OR", "ANY" -> AggFunction.BOOL_OR;
                    default -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                            "aggregate function " + name.toLowerCase(java.util.Locale.ROOT) + " is not supported yet");
                };
            }
        };
    }
}
