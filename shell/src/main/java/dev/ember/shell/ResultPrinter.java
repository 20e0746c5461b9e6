package dev.ember.shell;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.engine.Row;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints results: an aligned box table with each column's type under its name (numbers right,
 * text left; long values cut, many rows elided in the middle with a count), or csv / tsv /
 * json / markdown / vertical.
 */
public final class ResultPrinter {
    public enum Mode { TABLE, CSV, TSV, JSON, MARKDOWN, VERTICAL }

    private final PrintStream out;
    private Mode mode = Mode.TABLE;
    private int maxRows = 40;
    private int maxWidth = 40;

    public ResultPrinter(PrintStream out) {
        this.out = out;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        return v.toString();
    }

    private static boolean rightAligned(DataType t) {
        return t.isNumeric();
    }

    public void print(Schema schema, List<Row> rows) {
        if (schema.size() == 0) {
            return;
        }
        if (schema.size() == 1 && schema.field(0).name().equals("plan")) {
            for (Row r : rows) {
                out.println(text(r.get(0)));
            }
            return;
        }
        switch (mode) {
            case TABLE -> table(schema, rows);
            case CSV -> delimited(schema, rows, ",");
            case TSV -> delimited(schema, rows, "\t");
            case JSON -> json(schema, rows);
            case MARKDOWN -> markdown(schema, rows);
            case VERTICAL -> vertical(schema, rows);
        }
    }

    private String cut(String s) {
        s = s.replace('\n', ' ');
        return s.length() > maxWidth ? s.substring(0, maxWidth - 1) + "…" : s;
    }

    private void table(Schema schema, List<Row> rows) {
        int n = schema.size();
        List<Row> shown = rows;
        int hidden = 0;
        if (rows.size() > maxRows) {
            List<Row> s = new ArrayList<>(rows.subList(0, maxRows / 2));
            s.add(null);
            s.addAll(rows.subList(rows.size() - maxRows / 2, rows.size()));
            shown = s;
            hidden = rows.size() - maxRows / 2 * 2;
        }
        int[] w = new int[n];
        String[] names = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = cut(schema.field(i).name());
            types[i] = schema.type(i).sql().toLowerCase(Locale.ROOT);
            w[i] = Math.max(names[i].length(), types[i].length());
        }
        List<String[]> cells = new ArrayList<>();
        for (Row r : shown) {
            if (r == null) {
                cells.add(null);
                continue;
            }
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                c[i] = cut(text(r.get(i)));
                w[i] = Math.max(w[i], c[i].length());
            }
            cells.add(c);
        }
        out.println(line('┌', '┬', '┐', w));
        out.println(rowLine(names, w, null));
        out.println(rowLine(types, w, null));
        out.println(line('├', '┼', '┤', w));
        for (String[] c : cells) {
            if (c == null) {
                String[] dots = new String[n];
                java.util.Arrays.fill(dots, "·");
                out.println(rowLine(dots, w, null));
                continue;
            }
            out.println(rowLine(c, w, schema));
        }
        out.println(line('└', '┴', '┘', w));
        String count = rows.size() + (rows.size() == 1 ? " row" : " rows");
        out.println(hidden > 0 ? count + " (" + (rows.size() - hidden) + " shown)" : count);
    }

    private static String line(char l, char m, char r, int[] w) {
        StringBuilder sb = new StringBuilder().append(l);
        for (int i = 0; i < w.length; i++) {
            sb.append("─".repeat(w[i] + 2)).append(i == w.length - 1 ? r : m);
        }
        return sb.toString();
    }

    private static String rowLine(String[] c, int[] w, Schema schema) {
        StringBuilder sb = new StringBuilder("│");
        for (int i = 0; i < c.length; i++) {
            String pad = " ".repeat(w[i] - c[i].length());
            boolean right = schema != null && rightAligned(schema.type(i));
            sb.append(' ').append(right ? pad + c[i] : c[i] + pad).append(" │");
        }
        return sb.toString();
    }

    private static String csv(String s, String delim) {
        if (s.contains(delim) || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private void delimited(Schema schema, List<Row> rows, String delim) {
        out.println(String.join(delim, schema.names().stream().map(s -> csv(s, delim)).toList()));
        for (Row r : rows) {
            List<String> c = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                c.add(r.get(i) == null ? "" : csv(text(r.get(i)), delim));
            }
            out.println(String.join(delim, c));
        }
    }

    private void json(Schema schema, List<Row> rows) {
        out.println("[");
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder sb = new StringBuilder("  {");
            for (int i = 0; i < schema.size(); i++) {
                Object v = rows.get(k).get(i);
                sb.append(i > 0 ? ", " : "").append('"').append(escape(schema.field(i).name())).append("\": ");
                if (v == null) {
                    sb.append("null");
                } else if (v instanceof Number || v instanceof Boolean) {
                    sb.append(text(v));
                } else {
                    sb.append('"').append(escape(text(v))).append('"');
                }
            }
            out.println(sb.append('}').append(k < rows.size() - 1 ? "," : ""));
        }
        out.println("]");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private void markdown(Schema schema, List<Row> rows) {
        out.println("| " + String.join(" | ", schema.names()) + " |");
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < schema.size(); i++) {
            sep.append(rightAligned(schema.type(i)) ? "---:|" : "---|");
        }
        out.println(sep);
        for (Row r : rows) {
            List<String> c = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                c.add(text(r.get(i)).replace("|", "\\|"));
            }
            out.println("| " + String.join(" | ", c) + " |");
        }
    }

    private void vertical(Schema schema, List<Row> rows) {
        int w = schema.names().stream().mapToInt(String::length).max().orElse(0);
        for (int k = 0; k < rows.size(); k++) {
            out.println("-[ RECORD " + (k + 1) + " ]" + "-".repeat(Math.max(0, w)));
            for (int i = 0; i < schema.size(); i++) {
                String name = schema.field(i).name();
                out.println(name + " ".repeat(w - name.length()) + " | " + text(rows.get(k).get(i)));
            }
        }
    }
}
