package dev.ember.sql;

import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a failed parse into a message a person can act on: where reading stopped, what would
 * have been accepted there (in words, not token names), and a keyword the offending word was
 * probably meant to be.
 */
final class SyntaxErrors {
    static final String STATEMENT = "a statement (SELECT, WITH, VALUES, EXPLAIN, SET, SHOW, CREATE, INSERT, DROP, "
            + "CACHE, ...)";

    static final String TIME_UNIT = "a time unit (YEAR, MONTH, DAY, HOUR, ...)";
    private static final String NAME = "a name";

    /** Rules named by a phrase in messages, in the order phrases are listed. */
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(EmberSqlParser.RULE_statement, STATEMENT),
            Map.entry(EmberSqlParser.RULE_query, "a query"),
            Map.entry(EmberSqlParser.RULE_queryTerm, "a query"),
            Map.entry(EmberSqlParser.RULE_queryPrimary, "a query"),
            Map.entry(EmberSqlParser.RULE_expression, "an expression"),
            Map.entry(EmberSqlParser.RULE_booleanExpression, "an expression"),
            Map.entry(EmberSqlParser.RULE_valueExpression, "an expression"),
            Map.entry(EmberSqlParser.RULE_primaryExpression, "an expression"),
            Map.entry(EmberSqlParser.RULE_relationPrimary, "a table or subquery"),
            Map.entry(EmberSqlParser.RULE_identifier, "a name"),
            Map.entry(EmberSqlParser.RULE_qualifiedName, "a name"),
            Map.entry(EmberSqlParser.RULE_multipartIdentifier, "a name"),
            Map.entry(EmberSqlParser.RULE_dataType, "a data type"),
            Map.entry(EmberSqlParser.RULE_timeUnit, TIME_UNIT),
            Map.entry(EmberSqlParser.RULE_configKey, "a setting name"),
            Map.entry(EmberSqlParser.RULE_configValue, "a value"),
            Map.entry(EmberSqlParser.RULE_optionValue, "a value"));

    /** Phrases listed before any token, in this order ("a name" comes after the clause keywords). */
    private static final List<String> PHRASE_ORDER = List.of(STATEMENT, "a query", "an expression",
            "a table or subquery", "a data type", TIME_UNIT, "a setting name", "a value");

    /** Tokens never worth suggesting: a hint's opening, DOUBLE's PRECISION, the dot of a dotted name. */
    private static final Set<Integer> HIDDEN = Set.of(EmberSqlLexer.HINT_START, EmberSqlLexer.PRECISION,
            EmberSqlLexer.DOT);

    /**
     * Tokens that may continue any expression just read. Where an expression could go on
     * (a binary '+' would fit), they are left out unless nothing else may follow.
     */
    private static final Set<Integer> OPERATORS = Set.of(EmberSqlLexer.EQ, EmberSqlLexer.NSEQ, EmberSqlLexer.NEQ,
            EmberSqlLexer.NEQJ, EmberSqlLexer.LT, EmberSqlLexer.LTE, EmberSqlLexer.GT, EmberSqlLexer.GTE,
            EmberSqlLexer.PLUS, EmberSqlLexer.MINUS, EmberSqlLexer.ASTERISK, EmberSqlLexer.SLASH,
            EmberSqlLexer.PERCENT, EmberSqlLexer.CONCAT_PIPE, EmberSqlLexer.DOUBLE_COLON, EmberSqlLexer.IS,
            EmberSqlLexer.NOT, EmberSqlLexer.IN, EmberSqlLexer.LIKE, EmberSqlLexer.ILIKE, EmberSqlLexer.RLIKE,
            EmberSqlLexer.BETWEEN, EmberSqlLexer.LEFT_PAREN);

    /** Tokens listed first, in this order, after the phrases. */
    private static final List<Integer> FIRST = List.of(EmberSqlLexer.RIGHT_PAREN, EmberSqlLexer.COMMA,
            EmberSqlLexer.FROM, EmberSqlLexer.WHERE, EmberSqlLexer.GROUP, EmberSqlLexer.HAVING, EmberSqlLexer.WINDOW,
            EmberSqlLexer.ORDER, EmberSqlLexer.LIMIT, EmberSqlLexer.OFFSET, EmberSqlLexer.FETCH, EmberSqlLexer.UNION,
            EmberSqlLexer.EXCEPT, EmberSqlLexer.INTERSECT, EmberSqlLexer.JOIN, EmberSqlLexer.ON,
            EmberSqlLexer.USING, EmberSqlLexer.AS, EmberSqlLexer.AND, EmberSqlLexer.OR, EmberSqlLexer.WHEN,
            EmberSqlLexer.THEN, EmberSqlLexer.ELSE, EmberSqlLexer.END);

    private static final int MAX_ITEMS = 8;

    private SyntaxErrors() {
    }

    /**
     * The error for input that stopped parsing; {@code startIndex} is where the analysis may
     * begin (the start of the failing statement), an index into {@code visible}.
     */
    static ParseException describe(ATN atn, List<Token> visible, int ruleIndex, int startIndex, Token antlrOffending,
                                   Source source) {
        ViablePrefix.Expected expected = new ViablePrefix(atn, visible, PHRASES).analyze(ruleIndex, startIndex);
        Token at;
        List<String> items;
        if (expected.index() < 0 || (expected.phrases().isEmpty() && expected.tokens().isEmpty())) {
            at = antlrOffending;
            items = List.of();
        } else {
            at = visible.get(expected.index());
            items = describe(expected);
        }
        String suggestion = suggestion(at, expected);
        if (suggestion == null && at.getType() != Token.EOF && expected.index() > startIndex) {
            Token previous = visible.get(expected.index() - 1);
            String meant = suggestion(previous, expected);
            if (meant != null) {
                return error("syntax error at or near " + quote(previous) + ": did you mean " + meant + "?",
                        previous, source);
            }
        }
        StringBuilder reason = new StringBuilder();
        if (at.getType() == Token.EOF) {
            reason.append("unexpected end of input");
        } else if (at.getType() == EmberSqlLexer.UNRECOGNIZED) {
            return error("unexpected character " + quote(at), at, source);
        } else if (at.getType() == EmberSqlLexer.MALFORMED_NUMBER) {
            return error("invalid number " + quote(at), at, source);
        } else {
            reason.append("syntax error at or near ").append(quote(at));
        }
        if (!items.isEmpty()) {
            reason.append(": expected ").append(join(items));
        }
        if (suggestion != null) {
            reason.append("; did you mean ").append(suggestion).append('?');
        }
        if (at.getType() == Token.EOF) {
            return atEnd(reason.toString(), visible, source);
        }
        return error(reason.toString(), at, source);
    }

    private static ParseException error(String reason, Token at, Source source) {
        return new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, reason, source.sql(), at.getLine(),
                at.getCharPositionInLine() + 1);
    }

    /** An error at the end of the input points just after its last token, not at a trailing newline. */
    private static ParseException atEnd(String reason, List<Token> visible, Source source) {
        Token last = null;
        for (Token t : visible) {
            if (t.getType() != Token.EOF) {
                last = t;
            }
        }
        if (last == null) {
            return new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, reason, source.sql(), 1, 1);
        }
        int[] end = Source.end(last);
        return new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, reason, source.sql(), end[0], end[1] + 1);
    }

    private static List<String> describe(ViablePrefix.Expected expected) {
        List<String> phrases = new ArrayList<>();
        for (String p : PHRASE_ORDER) {
            if (expected.phrases().contains(p)) {
                phrases.add(p);
            }
        }
        boolean statement = phrases.contains(STATEMENT);
        // "an expression" already covers a column name.
        boolean name = expected.phrases().contains(NAME) && !phrases.contains("an expression");
        List<Integer> tokens = new ArrayList<>();
        boolean onlyOperators = true;
        for (int t : expected.tokens()) {
            if (HIDDEN.contains(t) || statement && (t == EmberSqlLexer.SEMICOLON || t == Token.EOF)) {
                continue;
            }
            tokens.add(t);
            onlyOperators &= OPERATORS.contains(t);
        }
        if (tokens.contains(EmberSqlLexer.PLUS) && (!phrases.isEmpty() || name || !onlyOperators)) {
            tokens.removeIf(OPERATORS::contains);
        }
        tokens.sort(Comparator.comparingInt(SyntaxErrors::rank).thenComparing(SyntaxErrors::display));
        List<String> items = new ArrayList<>(phrases);
        boolean nameListed = !name;
        for (int t : tokens) {
            if (!nameListed && rank(t) >= 100) {
                items.add(NAME);
                nameListed = true;
            }
            String d = display(t);
            if (!items.contains(d)) {
                items.add(d);
            }
        }
        if (!nameListed) {
            items.add(NAME);
        }
        return items;
    }

    private static int rank(int type) {
        int i = FIRST.indexOf(type);
        if (i >= 0) {
            return i;
        }
        return switch (type) {
            case EmberSqlLexer.SEMICOLON -> 1000;
            case Token.EOF -> 1001;
            default -> 100;
        };
    }

    /** How a token reads in "expected ...". */
    static String display(int type) {
        return switch (type) {
            case Token.EOF -> "end of input";
            case EmberSqlLexer.EQ -> "'='";
            case EmberSqlLexer.STRING -> "a string";
            case EmberSqlLexer.INTEGER_VALUE -> "an integer";
            case EmberSqlLexer.DECIMAL_VALUE, EmberSqlLexer.EXPONENT_VALUE, EmberSqlLexer.TYPED_NUMBER -> "a number";
            case EmberSqlLexer.IDENTIFIER, EmberSqlLexer.QUOTED_IDENTIFIER, EmberSqlLexer.BACKQUOTED_IDENTIFIER -> "a name";
            case EmberSqlLexer.GROUP -> "GROUP BY";
            case EmberSqlLexer.ORDER -> "ORDER BY";
            case EmberSqlLexer.PARTITION -> "PARTITION BY";
            default -> {
                String literal = EmberSqlLexer.VOCABULARY.getLiteralName(type);
                if (literal == null) {
                    yield EmberSqlLexer.VOCABULARY.getDisplayName(type);
                }
                String bare = literal.substring(1, literal.length() - 1);
                yield Character.isLetter(bare.charAt(0)) ? bare : literal;
            }
        };
    }

    private static String join(List<String> items) {
        if (items.size() > MAX_ITEMS) {
            return String.join(", ", items.subList(0, MAX_ITEMS)) + ", ...";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    static String quote(Token token) {
        String text = token.getText().replace('\n', ' ').replace('\r', ' ');
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return token.getType() == EmberSqlLexer.STRING ? text : "'" + text + "'";
    }

    /** The keyword a misspelt word was probably meant to be, among those that would fit. */
    private static String suggestion(Token word, ViablePrefix.Expected expected) {
        if (word.getType() != EmberSqlLexer.IDENTIFIER) {
            return null;
        }
        String text = word.getText().toUpperCase(Locale.ROOT);
        if (Keywords.ALL.contains(text)) {
            return null; // a type name or unit such as INT is no misspelt IN
        }
        int budget = text.length() >= 6 ? 2 : text.length() >= 3 ? 1 : 0;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        Vocabulary vocabulary = EmberSqlLexer.VOCABULARY;
        for (int type : expected.allTokens()) {
            String literal = vocabulary.getLiteralName(type);
            if (literal == null || !Character.isLetter(literal.charAt(1))) {
                continue;
            }
            String keyword = literal.substring(1, literal.length() - 1);
            int d = distance(text, keyword);
            if (d > 0 && d <= budget && d < bestDistance) {
                best = display(type);
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: edits plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
