package dev.ember.physical.plan;

/**
 * Join types the engine runs. SEMI and ANTI keep left rows with (without) a match;
 * NULL_AWARE_ANTI is NOT IN: a left row is dropped when the right side has a NULL key, and a
 * left row with a NULL key survives only when the right side is empty.
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, NULL_AWARE_ANTI;

    /** True when the output has only the left side's columns. */
    public boolean leftOnly() {
        return this == SEMI || this == ANTI || this == NULL_AWARE_ANTI;
    }
}
