package dev.ember.common;

/**
 * Root of Ember's error hierarchy. Every failure a user can see is one of its subclasses and
 * carries a stable {@link ErrorClass}; the message is written for a person.
 */
public abstract sealed class EmberException extends RuntimeException
        permits ParseException, AnalysisException, ExecutionException, ResourceException,
                CancelledException {

    private final ErrorClass errorClass;

    protected EmberException(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public String sqlState() {
        return errorClass.sqlState();
    }

    /** The message as the shell prints it: {@code [ERROR_CLASS] message}. */
    public String display() {
        return "[" + errorClass.name() + "] " + getMessage();
    }
}
