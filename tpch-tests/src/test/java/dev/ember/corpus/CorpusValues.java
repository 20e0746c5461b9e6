package dev.ember.corpus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How corpus results are written and compared. Expected rows are text ({@code 1 | a | NULL});
 * answers from DuckDB are compared value by value: exact numbers exactly, a DOUBLE against an
 * Ember DECIMAL of scale s after rounding it to s digits, doubles to a relative 1e-9, dates and
 * timestamps by their ISO text, strings exactly.
 */
final class CorpusValues {
    private CorpusValues() {
    }

    static String render(Object v) {
        return switch (v) {
            case null -> "NULL";
            case String s -> s.isEmpty() ? "(empty)" : s.replace("\n", "\\n");
            case BigDecimal b -> b.toPlainString();
            case LocalDateTime t -> iso(t);
            case java.sql.Timestamp t -> iso(t.toLocalDateTime());
            case java.sql.Date d -> d.toLocalDate().toString();
            default -> v.toString();
        };
    }

    static String renderRow(List<Object> row) {
        return row.stream().map(CorpusValues::render).collect(Collectors.joining(" | "));
    }

    static List<String> renderRows(List<List<Object>> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            out.add(renderRow(r));
        }
        return out;
    }

    /** True when Ember's value {@code ember} answers the same as DuckDB's {@code duck}. */
    static boolean same(Object ember, Object duck) {
        if (ember == null || duck == null) {
            return ember == null && duck == null;
        }
        if (ember instanceof Number || duck instanceof Number) {
            if (!(ember instanceof Number e) || !(duck instanceof Number d)) {
                return false;
            }
            return sameNumber(e, d);
        }
        if (ember instanceof Boolean || duck instanceof Boolean) {
            return ember.equals(duck);
        }
        return text(ember).equals(text(duck));
    }

    private static boolean exact(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal;
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal b -> b;
            case BigInteger b -> new BigDecimal(b);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> BigDecimal.valueOf(f.doubleValue());
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    private static boolean sameNumber(Number e, Number d) {
        if (exact(e) && exact(d)) {
            return decimal(e).compareTo(decimal(d)) == 0;
        }
        double x = e.doubleValue();
        double y = d.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y) == 0;
        }
        if (e instanceof BigDecimal b && !exact(d)) {
            // Ember's exact answer of scale s against DuckDB's double: equal once rounded to s digits.
            BigDecimal rounded = BigDecimal.valueOf(y).setScale(b.scale(), RoundingMode.HALF_UP);
            return rounded.subtract(b).abs().compareTo(BigDecimal.ONE.movePointLeft(b.scale())) <= 0;
        }
        double diff = Math.abs(x - y);
        return diff <= 1e-12 || diff <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    }

    private static String text(Object v) {
        return switch (v) {
            case java.sql.Date d -> d.toLocalDate().toString();
            case LocalDate d -> d.toString();
            case java.sql.Timestamp t -> iso(t.toLocalDateTime());
            case LocalDateTime t -> iso(t);
            case java.time.OffsetDateTime t -> iso(t.toLocalDateTime());
            default -> v.toString();
        };
    }

    /** {@code 2024-01-01 09:30:00}, with fractional seconds only when there are some. */
    static String iso(LocalDateTime t) {
        String s = t.toLocalDate() + " " + String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() != 0) {
            s += ("." + String.format(java.util.Locale.ROOT, "%09d", t.getNano())).replaceAll("0+$", "");
        }
        return s;
    }

    static boolean sameRow(List<Object> ember, List<Object> duck) {
        if (ember.size() != duck.size()) {
            return false;
        }
        for (int i = 0; i < ember.size(); i++) {
            if (!same(ember.get(i), duck.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Null when the rows match (in order when {@code ordered}, else as multisets), otherwise a
     * description of the difference.
     */
    static String compare(List<List<Object>> ember, List<List<Object>> duck, boolean ordered) {
        if (ordered) {
            if (ember.size() == duck.size()) {
                boolean all = true;
                for (int i = 0; i < ember.size() && all; i++) {
                    all = sameRow(ember.get(i), duck.get(i));
                }
                if (all) {
                    return null;
                }
            }
            return "ordered results differ";
        }
        List<List<Object>> unmatched = new ArrayList<>(duck);
        for (List<Object> row : ember) {
            boolean found = false;
            for (int j = 0; j < unmatched.size(); j++) {
                if (sameRow(row, unmatched.get(j))) {
                    unmatched.remove(j);
                    found = true;
                    break;
                }
            }
            if (!found) {
                return "Ember's row [" + renderRow(row) + "] is not in DuckDB's answer";
            }
        }
        return unmatched.isEmpty() ? null : "DuckDB's row [" + renderRow(unmatched.get(0)) + "] is missing from Ember's answer";
    }
}
