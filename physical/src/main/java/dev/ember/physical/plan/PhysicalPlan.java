package dev.ember.physical.plan;

import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.PhysicalExpr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Ember's physical plan: what the optimizer hands to the engine room. Narrow operators
 * (scan, filter, project, partial aggregation, join probe, limit) fuse into one pipelined task
 * per partition; an {@link Exchange} is a stage boundary. Nodes are immutable values.
 */
public sealed interface PhysicalPlan {

    Schema schema();

    List<PhysicalPlan> children();

    /** One line for EXPLAIN: the operator and its arguments. */
    String describe();

    /** Reads columns {@code columns} of a table. */
    record Scan(TableSource source, String table, int[] columns, Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of();
        }

        public String describe() {
            // A cached relation's scan reads block managers, not the source: say so in EXPLAIN.
            return (source instanceof dev.ember.physical.exec.CachedSource ? "InMemoryScan " : "Scan ") + table + " "
                    + schema.names();
        }
    }

    /** Literal rows (VALUES, or the one empty row of SELECT without FROM). */
    record Values(Schema schema, List<List<Object>> rows) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of();
        }

        public String describe() {
            return "Values " + rows.size() + (rows.size() == 1 ? " row" : " rows");
        }
    }

    record Filter(PhysicalPlan child, PhysicalExpr condition) implements PhysicalPlan {
        public Schema schema() {
            return child.schema();
        }

        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Filter " + condition;
        }
    }

    record Project(PhysicalPlan child, List<PhysicalExpr> exprs, Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("Project ");
            for (int i = 0; i < exprs.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String e = exprs.get(i).toString();
                String name = schema.field(i).name();
                sb.append(e.equals("#" + i) || e.startsWith("#") && name.equals(child.schema().field(
                        ((PhysicalExpr.ColumnRef) exprs.get(i)).index()).name()) ? name : e + " AS " + name);
            }
            return sb.toString();
        }
    }

    /**
     * Hash aggregation. PARTIAL reads raw rows and emits keys plus intermediate states; FINAL
     * reads that layout (after an exchange on the keys) and emits results; COMPLETE does both.
     */
    record HashAggregate(PhysicalPlan child, AggMode mode, int[] groupKeys, List<AggregateCall> aggregates,
                         Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "HashAggregate(" + mode.name().toLowerCase() + ") keys=" + java.util.Arrays.toString(groupKeys)
                    + " " + aggregates.stream().map(AggregateCall::toString).collect(Collectors.joining(", "));
        }
    }

    /** Full sort of each partition (a global sort follows a range or single exchange). */
    record Sort(PhysicalPlan child, List<SortKey> keys) implements PhysicalPlan {
        public Schema schema() {
            return child.schema();
        }

        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Sort " + SortKey.describe(keys, child.schema());
        }
    }

    /** The first {@code offset + limit} rows in key order, kept in a bounded heap; emits rows after offset. */
    record TopN(PhysicalPlan child, List<SortKey> keys, long limit, long offset) implements PhysicalPlan {
        public Schema schema() {
            return child.schema();
        }

        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "TopN " + limit + (offset > 0 ? " offset " + offset : "") + " " + SortKey.describe(keys, child.schema());
        }
    }

    /** Skips {@code offset} rows, then passes at most {@code limit} (-1: no limit), stopping its input early. */
    record Limit(PhysicalPlan child, long limit, long offset) implements PhysicalPlan {
        public Schema schema() {
            return child.schema();
        }

        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Limit " + (limit < 0 ? "all" : limit) + (offset > 0 ? " offset " + offset : "");
        }
    }

    /** A stage boundary: repartitions its input (hash, range, single, round robin) or broadcasts it. */
    record Exchange(PhysicalPlan child, Distribution distribution) implements PhysicalPlan {
        public Schema schema() {
            return child.schema();
        }

        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Exchange " + distribution.describe(child.schema());
        }
    }

    /**
     * Equi-join by hash: the build side is hashed (broadcast once per query, or per shuffle
     * partition), the probe side streams through. {@code residual} is evaluated over
     * (left columns ++ right columns) for rows whose keys match.
     */
    record HashJoin(PhysicalPlan left, PhysicalPlan right, JoinType joinType, int[] leftKeys, int[] rightKeys,
                    PhysicalExpr residual, BuildSide buildSide, JoinStrategy strategy, Schema schema)
            implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(left, right);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder(strategy == JoinStrategy.BROADCAST ? "BroadcastHashJoin " : "ShuffleHashJoin ");
            sb.append(joinType.name().toLowerCase()).append(' ');
            for (int i = 0; i < leftKeys.length; i++) {
                if (i > 0) {
                    sb.append(" AND ");
                }
                sb.append(left.schema().field(leftKeys[i]).name()).append(" = ").append(right.schema().field(rightKeys[i]).name());
            }
            if (residual != null) {
                sb.append(" residual ").append(residual);
            }
            return sb.append(" build=").append(buildSide.name().toLowerCase()).toString();
        }
    }

    /** Join without equi keys: the right side is broadcast; the condition is over left ++ right. */
    record NestedLoopJoin(PhysicalPlan left, PhysicalPlan right, JoinType joinType, PhysicalExpr condition,
                          Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(left, right);
        }

        public String describe() {
            return "BroadcastNestedLoopJoin " + joinType.name().toLowerCase() + (condition == null ? "" : " " + condition);
        }
    }

    /** UNION ALL: the partitions of every child, one after another. */
    record Union(List<PhysicalPlan> inputs, Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return inputs;
        }

        public String describe() {
            return "Union " + inputs.size() + " inputs";
        }
    }

    /** Each input row becomes one row per projection (grouping sets). */
    record Expand(PhysicalPlan child, List<List<PhysicalExpr>> projections, Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Expand " + projections.size() + " projections";
        }
    }

    /** Window functions over partitions of rows (the input is hash-partitioned on the partition keys). */
    record Window(PhysicalPlan child, int[] partitionKeys, List<SortKey> orderKeys, List<WindowCall> functions,
                  Schema schema) implements PhysicalPlan {
        public List<PhysicalPlan> children() {
            return List.of(child);
        }

        public String describe() {
            return "Window partition=" + java.util.Arrays.toString(partitionKeys) + " order="
                    + SortKey.describe(orderKeys, child.schema()) + " " + functions;
        }
    }
}
