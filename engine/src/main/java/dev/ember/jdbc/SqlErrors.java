package dev.ember.jdbc;

import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;

/**
 * Ember's errors as JDBC exceptions. The SQLState is the error class's; the message is what the
 * shell prints ({@code [TABLE_OR_VIEW_NOT_FOUND] table or view `x` does not exist ...}), so the
 * error class survives even where only the message does (the network); the cause is the
 * {@link EmberException} itself, whose {@code errorClass()} is the stable contract. The JDBC 4
 * subclass follows the SQLState class: 42 (and 3F) syntax or missing object, 22 data,
 * 0A unsupported, 53 resources (transient), 57014 cancelled or timed out.
 */
public final class SqlErrors {
    /** SQLState when a value cannot be converted to the type a getter asks for. */
    static final String CANNOT_CONVERT = "07006";
    /** SQLState when a string does not read as the type a getter asks for. */
    static final String BAD_VALUE = "22018";
    /** SQLState when a number does not fit the type a getter asks for. */
    static final String OUT_OF_RANGE = "22003";

    private SqlErrors() {
    }

    public static SQLException of(EmberException e) {
        return of(e, false);
    }

    static SQLException of(EmberException e, boolean timedOut) {
        String state = e.sqlState();
        String message = e.display();
        if (e.errorClass() == ErrorClass.QUERY_CANCELLED) {
            return timedOut ? new SQLTimeoutException("[QUERY_CANCELLED] the query timed out (Statement.setQueryTimeout)", state, 0, e)
                    : new SQLException(message, state, 0, e);
        }
        if (state.startsWith("42") || state.startsWith("3F")) {
            return new SQLSyntaxErrorException(message, state, 0, e);
        }
        if (state.startsWith("0A")) {
            return new SQLFeatureNotSupportedException(message, state, 0, e);
        }
        if (state.startsWith("22")) {
            return new SQLDataException(message, state, 0, e);
        }
        if (state.startsWith("53")) {
            return new SQLTransientException(message, state, 0, e);
        }
        if (state.startsWith("58") || state.startsWith("21")) {
            return new SQLNonTransientException(message, state, 0, e);
        }
        return new SQLException(message, state, 0, e);
    }

    /**
     * The JDBC exception for anything thrown while running Ember: an EmberException anywhere in
     * the cause chain (Avatica wraps what the Meta throws) becomes its SQLException; an
     * SQLException we made already is kept; anything else is an internal error.
     */
    static SQLException translate(Throwable t, boolean timedOut) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EmberException ee) {
                return of(ee, timedOut);
            }
            if (c instanceof SQLException se && se.getSQLState() != null) {
                return se;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof SQLException se) {
            return se;
        }
        return new SQLException("[INTERNAL_ERROR] " + t, ErrorClass.INTERNAL_ERROR.sqlState(), 0, t);
    }

    /** A RuntimeException carrying an SQLException through Avatica's unchecked Meta interface. */
    static final class Carrier extends RuntimeException {
        Carrier(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    static SQLException cannotConvert(String from, String to) {
        return new SQLDataException("cannot convert a " + from + " value to " + to, CANNOT_CONVERT);
    }

    static SQLException badValue(String value, String to) {
        return new SQLDataException("the value '" + value + "' does not read as " + to, BAD_VALUE);
    }

    static SQLException outOfRange(Object value, String to) {
        return new SQLDataException("the value " + value + " is out of range for " + to, OUT_OF_RANGE);
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by Ember", "0A000");
    }
}
