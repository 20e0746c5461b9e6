package dev.ember.common;

/** Renders "reason (line L, column C)" followed by the source line and a caret under the column. */
public final class SourcePointer {
    private SourcePointer() {
    }

    public static String describe(String reason, String sql, int line, int column) {
        StringBuilder sb = new StringBuilder(reason);
        if (line <= 0) {
            return sb.toString();
        }
        sb.append(" (line ").append(line).append(", column ").append(column).append(')');
        String text = lineOf(sql, line);
        if (text != null) {
            sb.append('\n').append(text.replace('\t', ' ')).append('\n');
            sb.append(" ".repeat(Math.max(0, Math.min(column - 1, text.length())))).append('^');
        }
        return sb.toString();
    }

    static String lineOf(String sql, int line) {
        if (sql == null) {
            return null;
        }
        String[] lines = sql.split("\r\n|\r|\n", -1);
        return line <= lines.length ? lines[line - 1] : null;
    }
}
