package dev.ember.plan;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.SourcePointer;
import dev.ember.common.Suggestions;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Calcite's validation errors into Ember's: a stable error class, words a person reads,
 * the closest existing names, and the position of the offending text.
 */
final class ValidationErrors {
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found(?: within '([^']*)')?");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found in (?:any table|table '([^']*)')");
    private static final Pattern NO_FUNCTION = Pattern.compile("No match found for function signature ([^(]*)\\(");
    private static final Pattern AMBIGUOUS = Pattern.compile("Column '([^']*)' is ambiguous");
    private static final Pattern CANNOT_APPLY = Pattern.compile("Cannot apply '([^']*)' to arguments of type '([^']*)'");
    /** A select-list name that Calcite, failing to find it as a column, looked up as a select alias (lateral alias). */
    private static final Pattern SELF_REFERENCE = Pattern.compile("The definition of column '([^']*)' depends on itself through the following columns: '([^']*)'$");
    private static final Pattern UNKNOWN_IDENTIFIER = Pattern.compile("Unknown identifier '([^']*)'");
    private static final Pattern ARGUMENT_COUNT = Pattern.compile("Invalid number of arguments to function '([^']*)'. Was expecting (\\d+) arguments");

    private ValidationErrors() {
    }

    static AnalysisException translate(CalciteContextException e, String source, SqlNode query, Catalog catalog) {
        String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        int line = e.getPosLine();
        int col = e.getPosColumn();
        ErrorClass cls = ErrorClass.ANALYSIS_ERROR;
        String reason = msg;
        Matcher m;
        if ((m = OBJECT_NOT_FOUND.matcher(msg)).find()) {
            // A FROM item: name the whole identifier written there, not only the part Calcite missed.
            List<String> name = new ArrayList<>();
            SqlIdentifier written = identifierAt(query, line, col);
            if (written != null) {
                name.addAll(written.names);
            } else {
                if (m.group(2) != null) {
                    name.addAll(Arrays.asList(m.group(2).split("\\.")));
                }
                name.addAll(Arrays.asList(m.group(1).split("\\.")));
            }
            AnalysisException nf = catalog.notFound(name);
            cls = nf.errorClass();
            reason = nf.getMessage();
        } else if ((m = TABLE_NOT_FOUND.matcher(msg)).find() || (m = UNKNOWN_IDENTIFIER.matcher(msg)).find()) {
            // The qualifier of a column (x.id, x.*) names no table or alias of the query.
            cls = ErrorClass.UNRESOLVED_COLUMN;
            SqlIdentifier written = identifierAt(query, line, col);
            String what = written == null ? "`" + m.group(1) + "`" : "`" + written + "`";
            String name = m.group(1);
            Set<String> names = fromNames(query);
            if (names.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                reason = what + " cannot be resolved: `" + name + "` is not visible here (the tables of a subquery, "
                        + "or of the right side of a LEFT SEMI or LEFT ANTI join, are not visible outside it)";
            } else {
                String hint = Suggestions.didYouMean(name, names);
                reason = what + " cannot be resolved: no table or alias named `" + name + "` is in scope"
                        + (hint.isEmpty() ? "" : "; " + hint);
            }
        } else if ((m = SELF_REFERENCE.matcher(msg)).find() && m.group(1).equals(m.group(2))) {
            cls = ErrorClass.UNRESOLVED_COLUMN;
            reason = unknownColumn(m.group(1), null, query, catalog);
        } else if ((m = COLUMN_NOT_FOUND.matcher(msg)).find()) {
            cls = ErrorClass.UNRESOLVED_COLUMN;
            reason = unknownColumn(m.group(1), m.group(2), query, catalog);
        } else if ((m = ARGUMENT_COUNT.matcher(msg)).find()) {
            cls = ErrorClass.DATATYPE_MISMATCH;
            int n = Integer.parseInt(m.group(2));
            reason = "function `" + m.group(1).toLowerCase(Locale.ROOT) + "` takes " + n + (n == 1 ? " argument" : " arguments");
        } else if ((m = NO_FUNCTION.matcher(msg)).find()) {
            String fn = m.group(1).toLowerCase(Locale.ROOT);
            boolean exists = Functions.names().contains(fn);
            cls = exists ? ErrorClass.DATATYPE_MISMATCH : ErrorClass.UNRESOLVED_ROUTINE;
            String hint = Suggestions.didYouMean(fn, Functions.names());
            reason = exists ? "function `" + fn + "` does not accept these arguments: " + msg
                    : "function `" + fn + "` does not exist" + (hint.isEmpty() ? "" : "; " + hint);
        } else if ((m = AMBIGUOUS.matcher(msg)).find()) {
            cls = ErrorClass.AMBIGUOUS_REFERENCE;
            reason = "column `" + m.group(1) + "` is ambiguous: qualify it with a table name or alias";
        } else if ((m = CANNOT_APPLY.matcher(msg)).find()) {
            cls = ErrorClass.DATATYPE_MISMATCH;
            reason = "cannot apply `" + m.group(1) + "` to arguments of type " + m.group(2);
        } else if (msg.contains("is not being grouped")) {
            cls = ErrorClass.ANALYSIS_ERROR;
            reason = msg.replace("Expression '", "expression `").replace("' is not being grouped",
                    "` is neither in GROUP BY nor inside an aggregate");
        } else if (msg.startsWith("Cannot assign to target field") || msg.contains("type mismatch")
                || msg.contains("Cannot infer return type")) {
            cls = ErrorClass.DATATYPE_MISMATCH;
        }
        return new AnalysisException(cls, SourcePointer.describe(reason, source, line, col), line, col, e);
    }

    private static String unknownColumn(String column, String table, SqlNode query, Catalog catalog) {
        Set<String> candidates = columnsInScope(query, catalog);
        String hint = Suggestions.didYouMean(column, candidates);
        return "column `" + column + "` does not exist" + (table != null ? " in `" + table + "`" : "")
                + (hint.isEmpty() ? (candidates.isEmpty() ? "" : "; columns are " + preview(candidates)) : "; " + hint);
    }

    /** The identifier written at line:col (the error's position), or null. */
    private static SqlIdentifier identifierAt(SqlNode query, int line, int col) {
        if (query == null || line <= 0) {
            return null;
        }
        SqlIdentifier[] found = new SqlIdentifier[1];
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (found[0] == null && id.getParserPosition().getLineNum() == line
                        && id.getParserPosition().getColumnNum() == col) {
                    found[0] = id;
                }
                return null;
            }
        });
        return found[0];
    }

    /** The names FROM items of the query are known by: aliases, and tables' last name parts. */
    private static Set<String> fromNames(SqlNode query) {
        Set<String> out = new LinkedHashSet<>();
        if (query == null) {
            return out;
        }
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect s && s.getFrom() != null) {
                    collect(s.getFrom(), out);
                }
                return super.visit(call);
            }
        });
        return out;
    }

    private static void collect(SqlNode from, Set<String> out) {
        switch (from) {
            case SqlJoin j -> {
                collect(j.getLeft(), out);
                collect(j.getRight(), out);
            }
            case SqlIdentifier id -> out.add(id.names.get(id.names.size() - 1));
            case SqlCall c when c.getKind() == SqlKind.AS && c.operandCount() >= 2 && c.operand(1) instanceof SqlIdentifier a ->
                    out.add(a.getSimple());
            default -> {
            }
        }
    }

    private static String preview(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + ", ...";
    }

    /** Columns of every table the query names (what an unknown column most likely meant). */
    private static Set<String> columnsInScope(SqlNode query, Catalog catalog) {
        Set<String> out = new LinkedHashSet<>();
        if (query == null) {
            return out;
        }
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (!id.isStar()) {
                    catalog.lookup(id.names).ifPresent(r -> {
                        if (r.entry() instanceof CatalogEntry.SourceTable t) {
                            out.addAll(t.source().schema().names());
                        }
                    });
                }
                return null;
            }
        });
        return out;
    }
}
