package dev.ember.plan;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Names result columns as Spark and DuckDB do: an expression without an alias is named by its
 * own text ({@code sum(l_quantity)}), not Calcite's {@code EXPR$0}.
 */
final class OutputNames {
    private OutputNames() {
    }

    static void aliasUnnamed(SqlNode query, String source) {
        if (source == null) {
            return;
        }
        switch (query) {
            case SqlOrderBy o -> aliasUnnamed(o.query, source);
            case SqlWith w -> aliasUnnamed(w.body, source);
            case SqlSelect s -> alias(s, source);
            default -> {
            }
        }
    }

    private static void alias(SqlSelect select, String source) {
        SqlNodeList items = select.getSelectList();
        if (items == null) {
            return;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
                continue;
            }
            String text = cut(source, item.getParserPosition());
            if (text == null || text.isBlank() || text.length() > 128 || !used.add(text)) {
                continue;
            }
            items.set(i, new SqlBasicCall(SqlStdOperatorTable.AS,
                    new SqlNode[] {item, new SqlIdentifier(text, SqlParserPos.ZERO)}, item.getParserPosition()));
        }
    }

    /** The source text a position covers, whitespace collapsed; null if the position is unknown. */
    static String cut(String source, SqlParserPos pos) {
        if (pos == null || pos.getLineNum() <= 0 || pos.getEndLineNum() <= 0) {
            return null;
        }
        String[] lines = source.split("\r\n|\r|\n", -1);
        if (pos.getEndLineNum() > lines.length) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int l = pos.getLineNum(); l <= pos.getEndLineNum(); l++) {
            String line = lines[l - 1];
            int from = l == pos.getLineNum() ? pos.getColumnNum() - 1 : 0;
            int to = l == pos.getEndLineNum() ? pos.getEndColumnNum() : line.length();
            if (from < 0 || to > line.length() || from > to) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(line, from, to);
        }
        return sb.toString().replaceAll("\\s+", " ").trim();
    }

    static boolean isCall(SqlNode n) {
        return n instanceof SqlCall;
    }
}
