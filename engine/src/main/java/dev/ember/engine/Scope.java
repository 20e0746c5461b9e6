package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.Suggestions;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Name resolution for the DataFrame API: the columns an operation's inputs offer, each input a
 * table of the SQL the operation compiles to. A name resolves now, at the call that uses it,
 * to exactly one column, or fails with the closest names; a column found is written as that
 * input's field, so the validator never has to guess.
 */
final class Scope {
    /** An input of the operation: its plan, read in the generated SQL as table {@code table}. */
    record Input(String table, Plan plan) {
    }

    /** A column found: field {@code field} of input {@code input}. */
    record Resolved(int input, int field, Attribute attr) {
    }

    private final List<Input> inputs;

    Scope(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    static Scope of(Plan... plans) {
        List<Input> in = new ArrayList<>();
        for (int i = 0; i < plans.length; i++) {
            in.add(new Input(DataFramePlanner.table(i), plans[i]));
        }
        return new Scope(in);
    }

    List<Input> inputs() {
        return inputs;
    }

    SqlIdentifier identifier(Resolved r) {
        Input in = inputs.get(r.input());
        return new SqlIdentifier(List.of(in.table(), in.plan().fieldName(r.field())), SqlParserPos.ZERO);
    }

    private List<Resolved> all() {
        List<Resolved> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            List<Attribute> attrs = inputs.get(i).plan().output();
            for (int f = 0; f < attrs.size(); f++) {
                out.add(new Resolved(i, f, attrs.get(f)));
            }
        }
        return out;
    }

    /** Resolves {@code a}, {@code t.a}, or a name with dots written without backquotes. */
    Resolved resolve(List<String> parts) {
        List<Resolved> found = new ArrayList<>();
        String name = parts.get(parts.size() - 1);
        if (parts.size() > 1) {
            String qualifier = String.join(".", parts.subList(0, parts.size() - 1));
            for (Resolved r : all()) {
                if (r.attr().name().equalsIgnoreCase(name) && qualifies(r.attr().qualifier(), qualifier)) {
                    found.add(r);
                }
            }
            if (found.isEmpty()) {
                // A column whose name has dots in it ("a.b" not written `a.b`).
                String whole = String.join(".", parts);
                for (Resolved r : all()) {
                    if (r.attr().name().equalsIgnoreCase(whole)) {
                        found.add(r);
                    }
                }
            }
        } else {
            for (Resolved r : all()) {
                if (r.attr().name().equalsIgnoreCase(name)) {
                    found.add(r);
                }
            }
        }
        return one(found, String.join(".", parts));
    }

    private static boolean qualifies(String attrQualifier, String written) {
        if (attrQualifier == null) {
            return false;
        }
        String a = attrQualifier.toLowerCase(Locale.ROOT);
        String w = written.toLowerCase(Locale.ROOT);
        // "tpch.tiny.nation.n_name" names the column qualified "nation" too.
        return a.equals(w) || w.endsWith("." + a);
    }

    /** Finds the column {@code df.col(name)} pointed at, by its attribute id. */
    Resolved resolve(ColumnNode.Bound b) {
        List<Resolved> found = new ArrayList<>();
        for (Resolved r : all()) {
            if (r.attr().id() == b.id()) {
                found.add(r);
            }
        }
        if (found.isEmpty()) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "column `" + b.name()
                    + "` (taken from a DataFrame with df.col) is not an input of this operation; its columns are "
                    + columnsText() + " (use col(\"" + b.name() + "\") to resolve the name here)");
        }
        return found.get(0);
    }

    /** The columns of {@code *} (qualifier null) or {@code t.*}. */
    List<Resolved> star(String qualifier) {
        List<Resolved> out = new ArrayList<>();
        for (Resolved r : all()) {
            if (qualifier == null || qualifies(r.attr().qualifier(), qualifier)) {
                out.add(r);
            }
        }
        if (out.isEmpty() && qualifier != null) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "no columns are qualified `" + qualifier
                    + "`" + hint(qualifier, qualifiers()) + "; columns are " + columnsText());
        }
        return out;
    }

    private Resolved one(List<Resolved> found, String written) {
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Resolved r : all()) {
                names.add(r.attr().name());
                if (r.attr().qualifier() != null) {
                    names.add(r.attr().display());
                }
            }
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "column `" + written + "` does not exist"
                    + hint(written, names) + "; columns are " + columnsText());
        }
        long id = found.get(0).attr().id();
        if (found.stream().allMatch(r -> r.attr().id() == id)) {
            return found.get(0);
        }
        Set<String> options = new LinkedHashSet<>();
        for (Resolved r : found) {
            options.add(r.attr().qualifier() != null ? "`" + r.attr().display() + "`"
                    : "`" + r.attr().name() + "` of input " + (r.input() + 1) + " (column " + (r.field() + 1) + ")");
        }
        throw new AnalysisException(ErrorClass.AMBIGUOUS_REFERENCE, "column `" + written + "` is ambiguous: it could be "
                + String.join(" or ", options) + "; name the DataFrames with as(\"alias\") and write col(\"alias."
                + found.get(0).attr().name() + "\"), or use df.col(\"" + found.get(0).attr().name() + "\")");
    }

    private static String hint(String name, Iterable<String> candidates) {
        String h = Suggestions.didYouMean(name, candidates);
        return h.isEmpty() ? "" : "; " + h;
    }

    private Set<String> qualifiers() {
        Set<String> out = new LinkedHashSet<>();
        for (Resolved r : all()) {
            if (r.attr().qualifier() != null) {
                out.add(r.attr().qualifier());
            }
        }
        return out;
    }

    private String columnsText() {
        List<String> names = new ArrayList<>();
        for (Resolved r : all()) {
            names.add(r.attr().display());
        }
        if (names.size() > 12) {
            return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
