package dev.ember.tpch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Compares two results row by row, in order: numbers to 0.01 (engines may type an average as
 * DECIMAL or DOUBLE), dates by day, strings exactly. Returns null when equal, else a message
 * naming the first difference.
 */
public final class ResultComparator {
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private ResultComparator() {
    }

    public static String compare(List<List<Object>> expected, List<List<Object>> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " rows, got " + actual.size()
                    + (expected.isEmpty() ? "" : "; first expected row " + expected.get(0))
                    + (actual.isEmpty() ? "" : "; first actual row " + actual.get(0));
        }
        for (int r = 0; r < expected.size(); r++) {
            List<Object> e = expected.get(r);
            List<Object> a = actual.get(r);
            if (e.size() != a.size()) {
                return "row " + r + ": expected " + e.size() + " columns, got " + a.size();
            }
            for (int c = 0; c < e.size(); c++) {
                if (!same(e.get(c), a.get(c))) {
                    return "row " + r + " column " + (c + 1) + ": expected " + e.get(c) + ", got " + a.get(c)
                            + "\n  expected row " + e + "\n  actual row   " + a;
                }
            }
        }
        return null;
    }

    static boolean same(Object e, Object a) {
        if (e == null || a == null) {
            return e == null && a == null;
        }
        if (e instanceof Number || a instanceof Number) {
            if (!(e instanceof Number) || !(a instanceof Number)) {
                return false;
            }
            BigDecimal x = decimal(e);
            BigDecimal y = decimal(a);
            BigDecimal diff = x.subtract(y).abs();
            return diff.compareTo(TOLERANCE) <= 0
                    || diff.compareTo(x.abs().max(y.abs()).multiply(new BigDecimal("1e-12"))) <= 0;
        }
        return text(e).equals(text(a));
    }

    private static BigDecimal decimal(Object n) {
        return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    }

    private static String text(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v.toString();
    }
}
