package dev.ember.common;

/**
 * A statement that does not parse. Carries the 1-based line and column of the offending token
 * and the source text, so that the message can show the line with a caret under the token.
 */
public final class ParseException extends EmberException {
    private final int line;
    private final int column;
    private final String reason;

    public ParseException(ErrorClass errorClass, String reason, String sql, int line, int column) {
        super(errorClass, SourcePointer.describe(reason, sql, line, column), null);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public ParseException(String reason, String sql, int line, int column) {
        this(ErrorClass.PARSE_SYNTAX_ERROR, reason, sql, line, column);
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token. */
    public int column() {
        return column;
    }

    /** The message without the position and the caret. */
    public String reason() {
        return reason;
    }
}
