package dev.ember.common;

/** A query stopped because its caller cancelled it (Ctrl-C, {@code Statement.cancel}, a timeout). */
public final class CancelledException extends EmberException {
    public CancelledException(String message) {
        super(ErrorClass.QUERY_CANCELLED, message, null);
    }
}
