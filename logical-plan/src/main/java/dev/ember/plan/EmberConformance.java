package dev.ember.plan;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's LENIENT conformance (GROUP BY and ORDER BY aliases and ordinals, no FROM needed,
 * {@code !=}, {@code %}, LIMIT) plus "liberal" features for Spark's LEFT SEMI / LEFT ANTI joins.
 * Not BABEL: its select-list alias lookup turns a misspelt column into a confusing
 * "depends on itself" error instead of "column does not exist".
 */
final class EmberConformance extends SqlDelegatingConformance {
    static final EmberConformance INSTANCE = new EmberConformance();

    private EmberConformance() {
        super(SqlConformanceEnum.LENIENT);
    }

    @Override
    public boolean isLiberal() {
        return true;
    }

    /**
     * Spark's strict GROUP BY: a select item that is neither grouped nor aggregated is an error,
     * not silently wrapped in ANY_VALUE (which also turned the grouping columns of
     * ROLLUP/CUBE/GROUPING SETS into ANY_VALUE, so a subtotal row showed a value where NULL belongs).
     */
    @Override
    public boolean isNonStrictGroupBy() {
        return false;
    }

    /** Integer overflow is an error, also when Calcite folds constants (its Java arithmetic would wrap). */
    @Override
    public boolean checkedArithmetic() {
        return true;
    }
}
