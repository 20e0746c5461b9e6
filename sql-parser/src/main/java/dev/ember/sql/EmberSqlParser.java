package dev.ember.sql;

import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.sql.parser.EmberSqlParser.ScriptContext;
import dev.ember.sql.parser.EmberSqlParser.SingleExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.SingleQueryContext;
import dev.ember.sql.parser.EmberSqlParser.StatementContext;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Ember's SQL parser: Spark SQL's dialect (plus the engine's commands) to {@link Statement}s,
 * whose queries are Calcite {@link SqlNode}s ready for Calcite's validator.
 *
 * <pre>{@code
 * List<ParsedStatement> script = EmberSqlParser.parseScript("SET ember.sql.shuffle.partitions = 8; SELECT 1");
 * SqlNode query = EmberSqlParser.parseQuery("SELECT l_orderkey FROM lineitem LIMIT 10");
 * SqlNode revenue = EmberSqlParser.parseExpression("l_extendedprice * (1 - l_discount) AS revenue");
 * }</pre>
 *
 * <p>Every SqlNode carries its position (1-based line and column, end inclusive) in the whole
 * input. Unquoted identifiers are lower-cased, quoted ones kept as written; function names are
 * upper-cased and left unresolved for the validator. A syntax error is a {@link ParseException}
 * whose message shows the line with a caret under the offending token and says what was
 * expected there. The parser is stateless and safe to call from many threads.
 */
public final class EmberSqlParser {
    private EmberSqlParser() {
    }

    /**
     * All statements of a script separated by ';' (empty statements skipped; an empty or
     * comment-only script gives an empty list).
     */
    public static List<ParsedStatement> parseScript(String script) {
        Objects.requireNonNull(script, "script");
        return guarded(script, () -> {
            ParseDriver.Parsed parsed = ParseDriver.parse(script, ParseDriver.Entry.SCRIPT);
            StatementBuilder builder = new StatementBuilder(parsed.source());
            List<ParsedStatement> out = new ArrayList<>();
            for (StatementContext s : ((ScriptContext) parsed.tree()).statement()) {
                Token start = s.getStart();
                out.add(new ParsedStatement(builder.statement(s), parsed.source().text(s), start.getLine(),
                        start.getCharPositionInLine() + 1));
            }
            return List.copyOf(out);
        });
    }

    /** Exactly one statement (a trailing ';' allowed), else ParseException. */
    public static ParsedStatement parseStatement(String sql) {
        List<ParsedStatement> statements = parseScript(sql);
        if (statements.isEmpty()) {
            throw new ParseException(ErrorClass.PARSE_EMPTY_STATEMENT, "empty statement: there is nothing to run",
                    sql, 1, 1);
        }
        if (statements.size() > 1) {
            ParsedStatement second = statements.get(1);
            throw new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, "syntax error at or near "
                    + firstWord(second.text()) + ": only one statement is allowed here", sql, second.line(),
                    second.column());
        }
        return statements.get(0);
    }

    /** One query (SELECT/VALUES/WITH/set operation with ORDER BY/LIMIT) as a Calcite SqlNode. */
    public static SqlNode parseQuery(String sql) {
        Objects.requireNonNull(sql, "sql");
        return guarded(sql, () -> {
            ParseDriver.Parsed parsed = parse(sql, ParseDriver.Entry.QUERY, "empty query: there is nothing to run");
            return new StatementBuilder(parsed.source()).query(((SingleQueryContext) parsed.tree()).query());
        });
    }

    /**
     * One scalar expression, e.g. {@code "l_extendedprice * (1 - l_discount) AS revenue"} (an
     * optional alias gives an AS call; {@code "*"} gives a star identifier), for
     * {@code DataFrame.selectExpr} and {@code filter(String)}.
     */
    public static SqlNode parseExpression(String expr) {
        Objects.requireNonNull(expr, "expr");
        return guarded(expr, () -> {
            ParseDriver.Parsed parsed = ParseDriver.parse(expr, ParseDriver.Entry.EXPRESSION);
            SingleExpressionContext ctx = (SingleExpressionContext) parsed.tree();
            StatementBuilder builder = new StatementBuilder(parsed.source());
            return ctx.star() != null ? builder.star(ctx.star()) : builder.namedExpression(ctx.namedExpression());
        });
    }

    /** Reserved and non-reserved keywords, upper case, for the shell's completion and highlighting. */
    public static Set<String> keywords() {
        return Keywords.ALL;
    }

    /** Thousands of nested parentheses exhaust the stack: that is the input's fault, reported as such. */
    private static <T> T guarded(String sql, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (StackOverflowError e) {
            throw new ParseException(ErrorClass.PARSE_SYNTAX_ERROR,
                    "the statement is nested too deeply to parse: simplify its parentheses or subqueries", sql, 1, 1);
        }
    }

    private static ParseDriver.Parsed parse(String sql, ParseDriver.Entry entry, String emptyMessage) {
        try {
            return ParseDriver.parse(sql, entry);
        } catch (ParseException e) {
            if (e.errorClass() == ErrorClass.PARSE_SYNTAX_ERROR && isBlank(sql)) {
                throw new ParseException(ErrorClass.PARSE_EMPTY_STATEMENT, emptyMessage, sql, 1, 1);
            }
            throw e;
        }
    }

    private static boolean isBlank(String sql) {
        try {
            return parseScript(sql).isEmpty() && !sql.contains(";");
        } catch (ParseException e) {
            return false;
        }
    }

    private static String firstWord(String text) {
        String word = text.strip().split("\\s+", 2)[0];
        return "'" + (word.length() > 40 ? word.substring(0, 37) + "..." : word) + "'";
    }
}
