package dev.ember.common;

/** A query that needs more memory or disk than it may have, after spilling what it could. */
public final class ResourceException extends EmberException {
    public ResourceException(ErrorClass errorClass, String message, Throwable cause) {
        super(errorClass, message, cause);
    }
}
