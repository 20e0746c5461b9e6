package dev.ember.sql;

import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The text being parsed: turns tokens and parse-tree nodes into Calcite positions (1-based,
 * end inclusive, relative to the whole input) and source text, and builds errors that point
 * at them.
 */
final class Source {
    private final String sql;
    private final CharStream chars;

    Source(String sql, CharStream chars) {
        this.sql = sql;
        this.chars = chars;
    }

    String sql() {
        return sql;
    }

    SqlParserPos pos(ParserRuleContext ctx) {
        return span(ctx.getStart(), ctx.getStop());
    }

    SqlParserPos pos(Token token) {
        return span(token, token);
    }

    /** From the first character of {@code start} to the last character of {@code stop}. */
    SqlParserPos span(Token start, Token stop) {
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) {
            stop = start;
        }
        int[] end = end(stop);
        return new SqlParserPos(start.getLine(), start.getCharPositionInLine() + 1, end[0], end[1]);
    }

    SqlParserPos span(ParserRuleContext from, ParserRuleContext to) {
        return span(from.getStart(), to.getStop());
    }

    /** Line and column (1-based, inclusive) of the last character of a token. */
    static int[] end(Token token) {
        if (token.getType() == Token.EOF) {
            return new int[] {token.getLine(), token.getCharPositionInLine() + 1};
        }
        String text = token.getText();
        int newlines = 0;
        int lastNewline = -1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
                lastNewline = i;
            }
        }
        if (newlines == 0) {
            return new int[] {token.getLine(), token.getCharPositionInLine() + text.length()};
        }
        return new int[] {token.getLine() + newlines, text.length() - lastNewline - 1};
    }

    /** The exact source text of a parse-tree node, comments and spacing included. */
    String text(ParserRuleContext ctx) {
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
            return "";
        }
        return chars.getText(Interval.of(ctx.getStart().getStartIndex(), stop.getStopIndex()));
    }

    ParseException error(String reason, Token at) {
        return new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, reason, sql, at.getLine(),
                at.getCharPositionInLine() + 1);
    }

    ParseException error(String reason, ParserRuleContext at) {
        return error(reason, at.getStart());
    }

    ParseException error(String reason, SqlParserPos at) {
        return new ParseException(ErrorClass.PARSE_SYNTAX_ERROR, reason, sql, at.getLineNum(), at.getColumnNum());
    }
}
