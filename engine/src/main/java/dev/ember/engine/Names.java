package dev.ember.engine;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/** Column names as the DataFrame API writes them: {@code a}, {@code t.a}, {@code `a.b`}, {@code *}, {@code t.*}. */
final class Names {
    private Names() {
    }

    static ColumnNode parse(String name) {
        List<String> parts = split(name);
        if (parts.get(parts.size() - 1).equals("*") && !name.trim().endsWith("`")) {
            return new ColumnNode.Star(parts.size() == 1 ? null : String.join(".", parts.subList(0, parts.size() - 1)));
        }
        return new ColumnNode.Ref(parts);
    }

    /** Splits at dots outside backquotes; a doubled backquote inside quotes is one backquote. */
    static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '`') {
                    cur.append('`');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        if (quoted || parts.stream().anyMatch(String::isEmpty)) {
            throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR,
                    "not a column name: '" + name + "' (write a.b, or `a.b` for a name with a dot)");
        }
        return parts;
    }

    /** The text of {@code sql} that a parsed node covers, whitespace collapsed (the whole text if unknown). */
    static String textOf(String sql, SqlNode node) {
        SqlParserPos pos = node.getParserPosition();
        String[] lines = sql.split("\r\n|\r|\n", -1);
        if (pos.getLineNum() <= 0 || pos.getEndLineNum() > lines.length) {
            return sql;
        }
        StringBuilder sb = new StringBuilder();
        for (int l = pos.getLineNum(); l <= pos.getEndLineNum(); l++) {
            String line = lines[l - 1];
            int from = l == pos.getLineNum() ? pos.getColumnNum() - 1 : 0;
            int to = l == pos.getEndLineNum() ? pos.getEndColumnNum() : line.length();
            if (from < 0 || to > line.length() || from > to) {
                return sql;
            }
            sb.append(sb.length() > 0 ? " " : "").append(line, from, to);
        }
        return sb.toString().replaceAll("\\s+", " ").trim();
    }
}
