package dev.ember.physical.plan;

/** Aggregate functions the engine runs. */
public enum AggFunction {
    COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX,
    /** The one value of a scalar subquery; more than one row is an error. */
    SINGLE_VALUE,
    /** Any value of the group (all are equal, or any will do). */
    ANY_VALUE,
    BOOL_AND, BOOL_OR
}
