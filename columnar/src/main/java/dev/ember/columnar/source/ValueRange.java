package dev.ember.columnar.source;

import dev.ember.columnar.types.DataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What is known of one column over a piece of data (a Parquet row group, a Hive partition):
 * its bounds (null when unknown), its nulls and its rows (-1 when unknown). Decides whether a
 * {@link PushedPredicate} may match any row of that piece.
 */
public record ValueRange(Object min, Object max, long nullCount, long rowCount) {

    /** A piece where every row holds {@code value} (a Hive partition column). */
    public static ValueRange constant(Object value, long rows) {
        return value == null ? new ValueRange(null, null, rows < 0 ? 1 : rows, rows < 0 ? 1 : rows)
                : new ValueRange(value, value, 0, rows);
    }

    public static final ValueRange UNKNOWN = new ValueRange(null, null, -1, -1);

    private boolean allNull() {
        return nullCount >= 0 && rowCount >= 0 && nullCount == rowCount;
    }

    /** False only when no row of the piece can satisfy {@code p} (whose column has type {@code type}). */
    public boolean mayMatch(PushedPredicate p, DataType type) {
        switch (p.op()) {
            case IS_NULL:
                return nullCount != 0;
            case IS_NOT_NULL:
                return !allNull();
            default:
                break;
        }
        if (allNull()) {
            return false; // comparisons with NULL are never true
        }
        if (min == null || max == null) {
            return true;
        }
        try {
            return switch (p.op()) {
                case EQ -> mayEqual(p.value(), type);
                case IN -> p.values().stream().anyMatch(v -> mayEqual(v, type));
                case NOT_EQ -> p.value() == null || !(compare(min, p.value(), type) == 0 && compare(max, p.value(), type) == 0
                        && nullCount == 0);
                case LT -> p.value() == null || compare(min, p.value(), type) < 0;
                case LT_EQ -> p.value() == null || compare(min, p.value(), type) <= 0;
                case GT -> p.value() == null || compare(max, p.value(), type) > 0;
                case GT_EQ -> p.value() == null || compare(max, p.value(), type) >= 0;
                default -> true;
            };
        } catch (RuntimeException e) {
            return true; // a literal we cannot compare never prunes
        }
    }

    private boolean mayEqual(Object v, DataType type) {
        return v == null || (compare(min, v, type) <= 0 && compare(max, v, type) >= 0);
    }

    /** Compares two values of one column (numbers of any Java class, dates, timestamps, strings by code point). */
    public static int compare(Object a, Object b, DataType type) {
        if (a instanceof Number x && b instanceof Number y) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDateTime y) {
            return x.atStartOfDay().compareTo(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDate y) {
            return x.compareTo(y.atStartOfDay());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        int c = ((Comparable) a).compareTo(b);
        return c;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    /** UTF-8 byte order, which is code point order (String.compareTo compares UTF-16 units). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** True unless some predicate on a column in {@code ranges} cannot match. */
    public static boolean mayMatchAll(List<PushedPredicate> predicates, java.util.function.IntFunction<ValueRange> ranges,
                                      java.util.function.IntFunction<DataType> types) {
        for (PushedPredicate p : predicates) {
            ValueRange r = ranges.apply(p.column());
            if (r != null && !r.mayMatch(p, types.apply(p.column()))) {
                return false;
            }
        }
        return true;
    }
}
