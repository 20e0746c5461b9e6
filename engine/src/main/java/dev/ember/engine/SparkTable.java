package dev.ember.engine;

import dev.ember.columnar.types.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders rows as Spark's {@code show()} does: a boxed table, cells right-aligned, long values cut at 20. */
final class SparkTable {
    private SparkTable() {
    }

    static String cell(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        return v.toString();
    }

    static String render(Schema schema, List<Row> rows, boolean more, int truncate) {
        int cols = schema.size();
        List<String[]> cells = new ArrayList<>();
        String[] header = schema.names().toArray(new String[0]);
        cells.add(header);
        for (Row r : rows) {
            String[] c = new String[cols];
            for (int i = 0; i < cols; i++) {
                String s = cell(r.get(i));
                if (truncate > 0 && s.length() > truncate) {
                    s = s.substring(0, truncate - 3) + "...";
                }
                c[i] = s;
            }
            cells.add(c);
        }
        int[] width = new int[cols];
        for (String[] c : cells) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(Math.max(width[i], 3), c[i].length());
            }
        }
        StringBuilder sep = new StringBuilder("+");
        for (int w : width) {
            sep.append("-".repeat(w)).append('+');
        }
        StringBuilder sb = new StringBuilder();
        sb.append(sep).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            sb.append('|');
            for (int i = 0; i < cols; i++) {
                String s = cells.get(r)[i];
                sb.append(" ".repeat(width[i] - s.length())).append(s).append('|');
            }
            sb.append('\n');
            if (r == 0) {
                sb.append(sep).append('\n');
            }
        }
        sb.append(sep).append('\n');
        if (more) {
            sb.append("only showing top ").append(rows.size()).append(rows.size() == 1 ? " row" : " rows").append('\n');
        }
        return sb.toString();
    }
}
