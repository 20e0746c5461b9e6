package dev.ember.optimizer;

/** The optimizer's named phases, run in this order; each is separately tested. */
public enum Phase {
    /** Subqueries become correlated joins (Calcite's SubQueryRemoveRule). */
    SUBQUERY,
    /** Correlations become joins with pre-aggregated derived tables. */
    DECORRELATE,
    /** Constant folding, filter/project merging, predicate pushdown, set operations and DISTINCT rewrites. */
    SIMPLIFY,
    /** Inner joins reordered by row-count estimates. */
    JOIN_ORDER,
    /** Unused columns removed down to the scans. */
    PRUNE
}
