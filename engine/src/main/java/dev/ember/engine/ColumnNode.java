package dev.ember.engine;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link Column} stands for, before it is resolved against the DataFrame it is used in:
 * a small immutable expression tree. Names are resolved, and the tree turned into SQL, by
 * {@link SqlGen} at the DataFrame call that uses it.
 */
sealed interface ColumnNode {

    /** The name Spark would give the column: {@code a}, {@code (a + 1)}, {@code sum(x)}. */
    String display();

    /** An unresolved name: {@code col("a")}, {@code col("t.a")} (parts), {@code col("`a.b`")}. */
    record Ref(List<String> parts) implements ColumnNode {
        public String display() {
            return parts.get(parts.size() - 1);
        }
    }

    /** {@code *} or {@code t.*}: every column (of the inputs qualified {@code t}). */
    record Star(String qualifier) implements ColumnNode {
        public String display() {
            return qualifier == null ? "*" : qualifier + ".*";
        }
    }

    /** A column resolved eagerly by {@code df.col(name)}: found again by its attribute id. */
    record Bound(long id, String name, String qualifier) implements ColumnNode {
        public String display() {
            return name;
        }
    }

    /** A literal value (Java object as {@code functions.lit} takes it; null for NULL). */
    record Literal(Object value) implements ColumnNode {
        public String display() {
            if (value == null) {
                return "NULL";
            }
            if (value instanceof BigDecimal b) {
                return b.toPlainString();
            }
            if (value instanceof java.time.LocalDate d) {
                return "DATE '" + d + "'";
            }
            if (value instanceof java.time.LocalDateTime t) {
                return "TIMESTAMP '" + t.toString().replace('T', ' ') + "'";
            }
            return value.toString();
        }
    }

    /** An operator with fixed meaning: arithmetic, comparison, logic, IS NULL, LIKE, BETWEEN... */
    record Op(SqlOperator op, List<ColumnNode> args) implements ColumnNode {
        public String display() {
            List<String> a = args.stream().map(ColumnNode::display).toList();
            SqlKind k = op.getKind();
            return switch (k) {
                case NOT -> "(NOT " + a.get(0) + ")";
                case MINUS_PREFIX -> "(- " + a.get(0) + ")";
                case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> "(" + a.get(0) + " " + op.getName() + ")";
                case BETWEEN -> "((" + a.get(0) + " >= " + a.get(1) + ") AND (" + a.get(0) + " <= " + a.get(2) + "))";
                case LIKE -> a.get(0) + " " + op.getName() + " " + a.get(1);
                case TRIM -> "trim(" + a.get(2) + ")";
                default -> a.size() == 2 ? "(" + a.get(0) + " " + symbol(op) + " " + a.get(1) + ")"
                        : op.getName().toLowerCase(java.util.Locale.ROOT) + "(" + String.join(", ", a) + ")";
            };
        }

        private static String symbol(SqlOperator op) {
            return switch (op.getKind()) {
                case IS_NOT_DISTINCT_FROM -> "<=>";
                case NOT_EQUALS -> "!=";
                case MOD -> "%";
                default -> op.getName();
            };
        }
    }

    /**
     * A function by name, resolved by the validator exactly as in SQL (scalar, aggregate or
     * window function); {@code distinct} for {@code count(DISTINCT x)}. {@code star} marks
     * {@code count(*)}.
     */
    record Call(String name, List<ColumnNode> args, boolean distinct, boolean star) implements ColumnNode {
        public String display() {
            if (star) {
                return name + "(1)";
            }
            return name + "(" + (distinct ? "DISTINCT " : "")
                    + args.stream().map(ColumnNode::display).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code CAST(child AS type)}; {@code type} in SQL ({@code bigint}, {@code decimal(10,2)}). */
    record Cast(ColumnNode child, String type, boolean tryCast) implements ColumnNode {
        public String display() {
            return (tryCast ? "TRY_CAST(" : "CAST(") + child.display() + " AS " + type.toUpperCase(java.util.Locale.ROOT) + ")";
        }
    }

    record Alias(ColumnNode child, String name) implements ColumnNode {
        public String display() {
            return name;
        }
    }

    /** An ordering: {@code asc()}, {@code desc_nulls_first()}; null {@code nullsFirst} is the default. */
    record SortOrder(ColumnNode child, boolean ascending, Boolean nullsFirst) implements ColumnNode {
        public String display() {
            return child.display() + (ascending ? " ASC" : " DESC")
                    + (nullsFirst == null ? (ascending ? " NULLS FIRST" : " NULLS LAST") : nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    /** {@code CASE WHEN c1 THEN v1 ... ELSE otherwise END}; null {@code otherwise} is ELSE NULL. */
    record Case(List<ColumnNode> conditions, List<ColumnNode> values, ColumnNode otherwise) implements ColumnNode {
        public String display() {
            StringBuilder sb = new StringBuilder("CASE");
            for (int i = 0; i < conditions.size(); i++) {
                sb.append(" WHEN ").append(conditions.get(i).display()).append(" THEN ").append(values.get(i).display());
            }
            if (otherwise != null) {
                sb.append(" ELSE ").append(otherwise.display());
            }
            return sb.append(" END").toString();
        }
    }

    /** {@code value IN (list)}. */
    record In(ColumnNode value, List<ColumnNode> list) implements ColumnNode {
        public String display() {
            return "(" + value.display() + " IN (" + list.stream().map(ColumnNode::display).collect(Collectors.joining(", ")) + "))";
        }
    }

    /** {@code aggregate FILTER (WHERE condition)}. */
    record AggFilter(ColumnNode aggregate, ColumnNode condition) implements ColumnNode {
        public String display() {
            return aggregate.display() + " FILTER (WHERE " + condition.display() + ")";
        }
    }

    /** {@code function OVER (window)}. */
    record Over(ColumnNode function, WindowSpec window) implements ColumnNode {
        public String display() {
            return function.display() + " OVER (" + window.describe() + ")";
        }
    }

    /** An expression written in SQL ({@code expr("a + 1")}, {@code selectExpr}, {@code filter(String)}), parsed. */
    record Sql(SqlNode node, String text) implements ColumnNode {
        public String display() {
            return text.trim().replaceAll("\\s+", " ");
        }
    }
}
