package dev.ember.common;

/** A failure while running a query: bad data (division by zero, overflow, bad cast) or a task failure. */
public final class ExecutionException extends EmberException {
    public ExecutionException(ErrorClass errorClass, String message) {
        super(errorClass, message, null);
    }

    public ExecutionException(ErrorClass errorClass, String message, Throwable cause) {
        super(errorClass, message, cause);
    }
}
