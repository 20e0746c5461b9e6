package dev.ember.common;

/**
 * A statement that parses but means nothing in this catalog: an unknown table or column, a type
 * mismatch, an unsupported construct. Optionally carries the position of the offending text.
 */
public final class AnalysisException extends EmberException {
    private final int line;
    private final int column;

    public AnalysisException(ErrorClass errorClass, String message) {
        this(errorClass, message, 0, 0, null);
    }

    public AnalysisException(ErrorClass errorClass, String message, int line, int column, Throwable cause) {
        super(errorClass, message, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the offending text, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending text, or 0 when unknown. */
    public int column() {
        return column;
    }
}
