package dev.ember.shell;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.catalog.Namespace;
import dev.ember.columnar.types.Field;
import dev.ember.engine.EmberSession;
import dev.ember.plan.Functions;
import dev.ember.sql.EmberSqlParser;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion from the live catalog: keywords, functions, schemas, tables (by their name in
 * the current schema and by their full name) and the columns of the tables the statement names
 * so far (on this line or the lines before it). Read at each Tab, so a table created a moment
 * ago completes.
 */
final class SqlCompleter implements Completer {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final EmberSession session;
    private final Supplier<String> statementSoFar;

    SqlCompleter(EmberSession session, Supplier<String> statementSoFar) {
        this.session = session;
        this.statementSoFar = statementSoFar;
    }

    /** Words end at spaces and at SQL punctuation, so {@code count(l_qu} completes {@code l_qu}. */
    static DefaultParser parser() {
        DefaultParser p = new DefaultParser() {
            @Override
            public boolean isDelimiterChar(CharSequence buffer, int pos) {
                char c = buffer.charAt(pos);
                return Character.isWhitespace(c) || "(),;=<>+-*/|%'\"`".indexOf(c) >= 0;
            }
        };
        p.setEscapeChars(new char[0]);
        p.setQuoteChars(new char[0]);
        return p;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        boolean upper = !word.isEmpty() && Character.isUpperCase(word.charAt(0));
        for (String c : candidates(statementSoFar.get() + "\n" + line.line(), word)) {
            String value = c;
            if (upper && c.equals(c.toLowerCase(Locale.ROOT)) && EmberSqlParser.keywords().contains(c.toUpperCase(Locale.ROOT))) {
                value = c.toUpperCase(Locale.ROOT);
            }
            candidates.add(new Candidate(value, value, null, null, null, null, !value.endsWith(".")));
        }
    }

    /** Everything that may follow: the caller (JLine) keeps those that start with the word. */
    List<String> candidates(String statement, String word) {
        Set<String> out = new LinkedHashSet<>();
        Catalog catalog = session.catalog();
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            // A qualified name: what is inside the namespace (or table) before the last dot.
            List<String> path = List.of(word.substring(0, dot).toLowerCase(Locale.ROOT).split("\\."));
            String prefix = word.substring(0, dot + 1);
            namespace(catalog, path).ifPresent(ns -> {
                ns.childNames().forEach(c -> out.add(prefix + c + "."));
                ns.entryNames().forEach(e -> out.add(prefix + e));
            });
            columns(catalog, path).forEach(c -> out.add(prefix + c));
            if (path.size() == 1) {
                // An alias: FROM tpch.tiny.lineitem l ... l.<Tab>
                aliased(statement, path.get(0)).ifPresent(t -> columns(catalog, t).forEach(c -> out.add(prefix + c)));
            }
            return new ArrayList<>(out);
        }
        for (String k : EmberSqlParser.keywords()) {
            out.add(k.toLowerCase(Locale.ROOT));
        }
        out.addAll(Functions.names());
        for (Namespace root : catalog.roots().values()) {
            out.add(root.name() + ".");
        }
        catalog.namespace(catalog.currentSchema()).ifPresent(ns -> {
            out.addAll(ns.entryNames());
            ns.childNames().forEach(c -> out.add(c + "."));
        });
        Matcher m = NAME.matcher(statement);
        while (m.find()) {
            List<String> name = List.of(m.group().toLowerCase(Locale.ROOT).split("\\."));
            out.addAll(columns(catalog, name));
        }
        return new ArrayList<>(out);
    }

    private static final Pattern ALIAS = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s+(?:as\\s+)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    /** The table an alias stands for in the statement ({@code lineitem l}, {@code lineitem as l}). */
    static Optional<List<String>> aliased(String statement, String alias) {
        Matcher m = ALIAS.matcher(statement);
        while (m.find()) {
            if (m.group(2).equalsIgnoreCase(alias) && !EmberSqlParser.keywords().contains(m.group(1).toUpperCase(Locale.ROOT))) {
                return Optional.of(List.of(m.group(1).toLowerCase(Locale.ROOT).split("\\.")));
            }
        }
        return Optional.empty();
    }

    private static Optional<Namespace> namespace(Catalog catalog, List<String> path) {
        Optional<Namespace> ns = catalog.namespace(path);
        if (ns.isEmpty()) {
            List<String> relative = new ArrayList<>(catalog.currentSchema());
            relative.addAll(path);
            ns = catalog.namespace(relative);
        }
        return ns;
    }

    /** The columns of the table {@code name} names, if it names one (views too, when they analyze). */
    private List<String> columns(Catalog catalog, List<String> name) {
        List<String> out = new ArrayList<>();
        Optional<Catalog.Resolved> r;
        try {
            r = catalog.lookup(name);
        } catch (RuntimeException e) {
            return out;
        }
        r.ifPresent(res -> {
            try {
                List<Field> fields = switch (res.entry()) {
                    case CatalogEntry.SourceTable t -> t.source().schema().fields();
                    case CatalogEntry.View v -> session.sql("select * from " + String.join(".", res.qualifiedName()
                            .stream().map(n -> "`" + n + "`").toList())).schema().fields();
                };
                fields.forEach(f -> out.add(f.name()));
            } catch (RuntimeException e) {
                // A view that no longer analyzes has nothing to offer.
            }
        });
        return out;
    }
}
