package dev.ember.columnar.source;

import dev.ember.columnar.types.Schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One conjunct of a scan's filter, simple enough for a source to test against statistics:
 * {@code column op literal}. A list of them means their conjunction (AND).
 *
 * <p>{@code column} is an index into the source's {@link TableSource#schema()}; literals are the
 * Java values {@link dev.ember.columnar.Values#get} gives for that column's type (Integer, Long,
 * Double, BigDecimal, Boolean, LocalDate, LocalDateTime, String). Sources use predicates only to
 * skip data that cannot match (files, Hive partitions, Parquet row groups): rows that do not
 * match may still be returned, so the filter stays above the scan.
 *
 * <pre>{@code
 * TableSource pruned = source.pushFilters(List.of(
 *         PushedPredicate.of(10, PushedPredicate.Op.GT_EQ, LocalDate.parse("1998-09-01"))));
 * }</pre>
 */
public record PushedPredicate(int column, Op op, List<Object> values) {

    /** Comparison operators; IN takes several literals, IS_NULL and IS_NOT_NULL none. */
    public enum Op {
        EQ("="), NOT_EQ("<>"), LT("<"), LT_EQ("<="), GT(">"), GT_EQ(">="), IN("IN"), IS_NULL("IS NULL"),
        IS_NOT_NULL("IS NOT NULL");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        /** The operator with its operands swapped ({@code 5 < x} is {@code x > 5}). */
        public Op flip() {
            return switch (this) {
                case LT -> GT;
                case LT_EQ -> GT_EQ;
                case GT -> LT;
                case GT_EQ -> LT_EQ;
                default -> this;
            };
        }
    }

    public PushedPredicate {
        Objects.requireNonNull(op, "op");
        values = Collections.unmodifiableList(new ArrayList<>(values));
        int expected = switch (op) {
            case IS_NULL, IS_NOT_NULL -> 0;
            case IN -> -1;
            default -> 1;
        };
        if (expected >= 0 && values.size() != expected) {
            throw new IllegalArgumentException(op + " takes " + expected + " literal(s), got " + values.size());
        }
        if (op == Op.IN && values.isEmpty()) {
            throw new IllegalArgumentException("IN takes at least one literal");
        }
    }

    /** {@code column op value}. */
    public static PushedPredicate of(int column, Op op, Object value) {
        return new PushedPredicate(column, op, Collections.singletonList(value));
    }

    public static PushedPredicate in(int column, List<?> values) {
        return new PushedPredicate(column, Op.IN, new ArrayList<>(values));
    }

    public static PushedPredicate isNull(int column) {
        return new PushedPredicate(column, Op.IS_NULL, List.of());
    }

    public static PushedPredicate isNotNull(int column) {
        return new PushedPredicate(column, Op.IS_NOT_NULL, List.of());
    }

    /** The single literal of a comparison. */
    public Object value() {
        return values.get(0);
    }

    /** {@code l_shipdate >= 1998-09-01}, naming the column from {@code schema}. */
    public String describe(Schema schema) {
        String name = column < schema.size() ? schema.field(column).name() : "#" + column;
        return switch (op) {
            case IS_NULL, IS_NOT_NULL -> name + " " + op.sql();
            case IN -> name + " IN (" + String.join(", ", values.stream().map(PushedPredicate::literal).toList()) + ")";
            default -> name + " " + op.sql() + " " + literal(value());
        };
    }

    private static String literal(Object v) {
        return v instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(v);
    }
}
