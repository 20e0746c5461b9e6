package dev.ember.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders parse results for golden files: Calcite's unparse, S-expression trees, and statement records. */
final class SqlPrinter {
    private SqlPrinter() {
    }

    /** Calcite's own unparse, in the ANSI dialect, with parentheses only where precedence needs them. */
    static String unparse(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(AnsiSqlDialect.DEFAULT).withAlwaysUseParentheses(false)).getSql();
    }

    /**
     * A compact tree: calls as {@code (OP operand ...)}, literals as {@code value:TYPE},
     * identifiers as dotted names, lists in brackets; with positions when asked.
     */
    static String tree(SqlNode node, boolean positions) {
        StringBuilder sb = new StringBuilder();
        tree(node, positions, sb);
        return sb.toString();
    }

    private static void tree(SqlNode node, boolean positions, StringBuilder sb) {
        switch (node) {
            case null -> sb.append("null");
            case SqlLiteral l -> sb.append(l.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.SYMBOL
                    ? String.valueOf(l.getValue()) : l + ":" + l.getTypeName());
            case SqlIdentifier id -> sb.append(id.isStar() ? starName(id) : String.join(".", id.names));
            case SqlDataTypeSpec spec -> sb.append(unparse(spec));
            case SqlIntervalQualifier q -> sb.append(unparse(q));
            case SqlNodeList list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    tree(list.get(i), positions, sb);
                }
                sb.append(']');
            }
            case SqlSelect select -> {
                sb.append("(SELECT");
                String[] labels = {"keywords", "list", "from", "where", "groupBy", "having", "window", "qualify",
                    "orderBy", "offset", "fetch", "hints"};
                List<SqlNode> operands = select.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode operand = operands.get(i);
                    if (operand == null || operand instanceof SqlNodeList l && l.isEmpty()) {
                        continue;
                    }
                    sb.append(' ').append(labels[i]).append('=');
                    tree(operand, positions, sb);
                }
                sb.append(')');
            }
            case SqlCall call -> {
                sb.append('(').append(call.getOperator().getName());
                if (call.getFunctionQuantifier() != null) {
                    sb.append(' ').append(call.getFunctionQuantifier().getValue());
                }
                for (SqlNode operand : call.getOperandList()) {
                    sb.append(' ');
                    tree(operand, positions, sb);
                }
                sb.append(')');
            }
            default -> sb.append(unparse(node));
        }
        if (positions && node != null && !(node instanceof SqlLiteral l
                && l.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.SYMBOL)) {
            sb.append('@').append(position(node.getParserPosition()));
        }
    }

    private static String starName(SqlIdentifier id) {
        List<String> names = new ArrayList<>(id.names.subList(0, id.names.size() - 1));
        names.add("*");
        return String.join(".", names);
    }

    static String position(SqlParserPos pos) {
        return pos.getLineNum() + ":" + pos.getColumnNum() + "-" + pos.getEndLineNum() + ":" + pos.getEndColumnNum();
    }

    /** A statement record with its SqlNodes unparsed, e.g. {@code Drop[name=[t], view=false, ifExists=true]}. */
    static String statement(Statement statement) {
        if (statement instanceof Statement.Query q) {
            return "Query:\n" + unparse(q.query());
        }
        StringBuilder sb = new StringBuilder(statement.getClass().getSimpleName()).append('[');
        RecordComponent[] components = statement.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            try {
                Object value = components[i].getAccessor().invoke(statement);
                sb.append(components[i].getName()).append('=').append(value(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.append(']').toString();
    }

    private static String value(Object value) {
        return switch (value) {
            case null -> "null";
            case SqlNode n -> "{" + unparse(n) + "}";
            case Statement s -> statement(s);
            case Statement.ColumnDef c -> c.name() + " " + unparse(c.type()) + (c.nullable() ? "" : " NOT NULL");
            case String s -> "'" + s + "'";
            case List<?> list -> {
                List<String> parts = new ArrayList<>();
                for (Object o : list) {
                    parts.add(value(o));
                }
                yield "[" + String.join(", ", parts) + "]";
            }
            case Map<?, ?> map -> {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    parts.add(value(e.getKey()) + "=" + value(e.getValue()));
                }
                yield "{" + String.join(", ", parts) + "}";
            }
            default -> String.valueOf(value);
        };
    }
}
