package dev.ember.sql;

import dev.ember.common.ParseException;
import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the ANTLR lexer and parser over one input: rejects unterminated strings, identifiers and
 * comments up front, parses with fast SLL prediction and falls back to full LL only when SLL
 * fails, and turns a syntax error into a {@link ParseException} that says what was expected.
 * ANTLR never prints anything: its console listeners are removed and errors stop the parse.
 */
final class ParseDriver {

    /** The rules that can start a parse. */
    enum Entry {
        SCRIPT(EmberSqlParser.RULE_script, EmberSqlParser::script),
        QUERY(EmberSqlParser.RULE_singleQuery, EmberSqlParser::singleQuery),
        EXPRESSION(EmberSqlParser.RULE_singleExpression, EmberSqlParser::singleExpression);

        final int ruleIndex;
        final Function<EmberSqlParser, ParserRuleContext> rule;

        Entry(int ruleIndex, Function<EmberSqlParser, ParserRuleContext> rule) {
            this.ruleIndex = ruleIndex;
            this.rule = rule;
        }
    }

    record Parsed(ParserRuleContext tree, Source source, List<Token> visibleTokens) {
    }

    /**
     * Parentheses deeper than this are refused before parsing: the recursive-descent parser
     * would otherwise run out of stack (and take long to do so). Generated SQL stays far below.
     */
    static final int MAX_NESTING = 500;

    private ParseDriver() {
    }

    static Parsed parse(String sql, Entry entry) {
        CharStream chars = CharStreams.fromString(sql);
        Source source = new Source(sql, chars);
        EmberSqlLexer lexer = new EmberSqlLexer(chars);
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        List<Token> visible = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            checkTerminated(t, source);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                visible.add(t);
            }
            if (t.getType() == EmberSqlLexer.LEFT_PAREN && ++depth > MAX_NESTING) {
                throw source.error("the statement is nested too deeply: more than " + MAX_NESTING
                        + " levels of parentheses", t);
            } else if (t.getType() == EmberSqlLexer.RIGHT_PAREN) {
                depth--;
            }
        }

        EmberSqlParser parser = new EmberSqlParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return new Parsed(entry.rule.apply(parser), source, visible);
        } catch (ParseCancellationException sllFailed) {
            // SLL is fast but may fail on input that full LL accepts: retry before blaming the input.
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                return new Parsed(entry.rule.apply(parser), source, visible);
            } catch (ParseCancellationException failed) {
                throw syntaxError(parser, failed, entry, visible, source);
            }
        }
    }

    private static ParseException syntaxError(EmberSqlParser parser, ParseCancellationException failed, Entry entry,
                                              List<Token> visible, Source source) {
        Token offending = parser.getCurrentToken();
        if (failed.getCause() instanceof RecognitionException re && re.getOffendingToken() != null) {
            offending = re.getOffendingToken();
        }
        int offendingIndex = visibleIndex(visible, offending);
        int start = 0;
        if (entry == Entry.SCRIPT) {
            // Statements are independent: analyze from the start of the one that failed.
            for (int i = offendingIndex - 1; i >= 0; i--) {
                if (visible.get(i).getType() == EmberSqlLexer.SEMICOLON) {
                    start = i + 1;
                    break;
                }
            }
        }
        return SyntaxErrors.describe(parser.getATN(), visible, entry.ruleIndex, start, offending, source);
    }

    private static int visibleIndex(List<Token> visible, Token token) {
        for (int i = 0; i < visible.size(); i++) {
            if (visible.get(i).getTokenIndex() >= token.getTokenIndex()) {
                return i;
            }
        }
        return visible.size() - 1;
    }

    private static void checkTerminated(Token t, Source source) {
        String problem = switch (t.getType()) {
            case EmberSqlLexer.UNTERMINATED_STRING -> "unterminated string literal: a ' is missing";
            case EmberSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier: a \" is missing";
            case EmberSqlLexer.UNTERMINATED_BACKQUOTED_IDENTIFIER -> "unterminated quoted identifier: a ` is missing";
            case EmberSqlLexer.UNTERMINATED_COMMENT -> "unterminated comment: a */ is missing";
            default -> null;
        };
        if (problem != null) {
            throw source.error(problem, t);
        }
    }
}
