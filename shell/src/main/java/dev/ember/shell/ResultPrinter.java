package dev.ember.shell;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.engine.Row;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Prints results: an aligned box table with each column's type under its name (numbers right,
 * text left; long values cut, many rows elided in the middle with a count), or csv / tsv /
 * json / markdown / vertical.
 */
public final class ResultPrinter {
    public enum Mode { TABLE, CSV, TSV, JSON, MARKDOWN, VERTICAL }

    private PrintStream out;
    private Mode mode = Mode.TABLE;
    private int maxRows = 40;
    private int maxWidth = 40;

    public ResultPrinter(PrintStream out) {
        this.out = out;
    }

    private Runnable beforeOutput = () -> { };

    /** Runs once before the next result prints anything (the shell erases its progress line). */
    public void beforeOutput(Runnable r) {
        this.beforeOutput = r == null ? () -> { } : r;
    }

    private void startOutput() {
        Runnable r = beforeOutput;
        beforeOutput = () -> { };
        r.run();
    }

    /** Where results go ({@code .output FILE}). */
    public void setOut(PrintStream out) {
        this.out = out;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** Rows a table shows at most (half from the start, half from the end); 0 shows all. */
    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    public int maxRows() {
        return maxRows;
    }

    public PrintStream out() {
        return out;
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
        print(schema, rows.iterator());
    }

    /**
     * Prints rows as they come. A table needs its column widths first, so table mode keeps the
     * rows it shows: all of them up to {@code maxRows}, beyond that the first and last halves
     * (a bounded amount however large the result) with the count of rows shown and in total.
     * The other modes print every row as it arrives.
     */
    public void print(Schema schema, Iterator<Row> rows) {
        if (schema.size() == 0) {
            while (rows.hasNext()) {
                rows.next();
            }
            return;
        }
        if (mode != Mode.TABLE) {
            startOutput();
        }
        if (schema.size() == 1 && schema.field(0).name().equals("plan")) {
            startOutput();
            while (rows.hasNext()) {
                out.println(text(rows.next().get(0)));
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
        out.flush();
    }

    private String cut(String s) {
        s = s.replace('\n', ' ');
        return s.length() > maxWidth ? s.substring(0, maxWidth - 1) + "…" : s;
    }

    private void table(Schema schema, Iterator<Row> rows) {
        int n = schema.size();
        List<Row> head = new ArrayList<>();
        ArrayDeque<Row> tail = new ArrayDeque<>();
        long total = 0;
        int keepHead = maxRows <= 0 ? Integer.MAX_VALUE : (maxRows + 1) / 2;
        int keepTail = maxRows <= 0 ? 0 : maxRows / 2;
        while (rows.hasNext()) {
            Row r = rows.next();
            total++;
            if (head.size() < keepHead) {
                head.add(r);
            } else if (keepTail > 0) {
                tail.addLast(r);
                if (tail.size() > keepTail) {
                    tail.removeFirst();
                }
            }
        }
        long hidden = total - head.size() - tail.size();
        List<Row> shown = new ArrayList<>(head);
        if (hidden > 0) {
            shown.add(null);
        }
        shown.addAll(tail);
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
        startOutput();
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
        String count = total + (total == 1 ? " row" : " rows");
        out.println(hidden > 0 ? count + " (" + (total - hidden) + " shown, " + hidden + " hidden; .maxrows N to change)" : count);
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

    private void delimited(Schema schema, Iterator<Row> rows, String delim) {
        out.println(String.join(delim, schema.names().stream().map(s -> csv(s, delim)).toList()));
        while (rows.hasNext()) {
            Row r = rows.next();
            List<String> c = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                c.add(r.get(i) == null ? "" : csv(text(r.get(i)), delim));
            }
            out.println(String.join(delim, c));
        }
    }

    private void json(Schema schema, Iterator<Row> rows) {
        out.println("[");
        boolean first = true;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!first) {
                out.println(",");
            }
            first = false;
            StringBuilder sb = new StringBuilder("  {");
            for (int i = 0; i < schema.size(); i++) {
                Object v = row.get(i);
                sb.append(i > 0 ? ", " : "").append('"').append(escape(schema.field(i).name())).append("\": ");
                if (v == null) {
                    sb.append("null");
                } else if (v instanceof Number || v instanceof Boolean) {
                    sb.append(text(v));
                } else {
                    sb.append('"').append(escape(text(v))).append('"');
                }
            }
            out.print(sb.append('}'));
        }
        if (!first) {
            out.println();
        }
        out.println("]");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private void markdown(Schema schema, Iterator<Row> rows) {
        out.println("| " + String.join(" | ", schema.names()) + " |");
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < schema.size(); i++) {
            sep.append(rightAligned(schema.type(i)) ? "---:|" : "---|");
        }
        out.println(sep);
        while (rows.hasNext()) {
            Row r = rows.next();
            List<String> c = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                c.add(text(r.get(i)).replace("|", "\\|"));
            }
            out.println("| " + String.join(" | ", c) + " |");
        }
    }

    private void vertical(Schema schema, Iterator<Row> rows) {
        int w = schema.names().stream().mapToInt(String::length).max().orElse(0);
        long k = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            out.println("-[ RECORD " + (++k) + " ]" + "-".repeat(Math.max(0, w)));
            for (int i = 0; i < schema.size(); i++) {
                String name = schema.field(i).name();
                out.println(name + " ".repeat(w - name.length()) + " | " + text(row.get(i)));
            }
        }
    }
}
