package dev.ember.optimizer.stats;

import dev.ember.columnar.source.TableStatistics.ColumnStatistics;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.function.IntFunction;

/**
 * The fraction of rows a predicate keeps, from column statistics where it can: equality is
 * 1/distinct, a range is its share of [min, max], IN is k/distinct; AND multiplies, OR adds
 * (independence). Anything else falls back to Calcite's guesses.
 */
final class Selectivity {
    private Selectivity() {
    }

    /** {@code stats.apply(i)} gives column i's statistics, or null. */
    static double of(RexNode predicate, IntFunction<ColumnStatistics> stats, RexBuilder rexBuilder) {
        if (predicate == null || predicate.isAlwaysTrue()) {
            return 1.0;
        }
        return clamp(estimate(RexUtil.expandSearch(rexBuilder, null, predicate), stats));
    }

    private static double clamp(double s) {
        return Math.max(1e-9, Math.min(1.0, s));
    }

    private static double estimate(RexNode p, IntFunction<ColumnStatistics> stats) {
        if (p.isAlwaysTrue()) {
            return 1.0;
        }
        if (p.isAlwaysFalse()) {
            return 0.0;
        }
        if (!(p instanceof RexCall call)) {
            return RelMdUtil.guessSelectivity(p);
        }
        SqlKind kind = p.getKind();
        switch (kind) {
            case AND -> {
                double s = 1;
                for (RexNode o : call.getOperands()) {
                    s *= estimate(o, stats);
                }
                return s;
            }
            case OR -> {
                double keep = 1;
                for (RexNode o : call.getOperands()) {
                    keep *= 1 - estimate(o, stats);
                }
                return 1 - keep;
            }
            case NOT -> {
                return 1 - estimate(call.getOperands().get(0), stats);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                Double s = comparison(call, stats);
                return s != null ? s : RelMdUtil.guessSelectivity(p);
            }
            case IS_NOT_NULL -> {
                return 1.0;
            }
            case IS_NULL -> {
                return 0.01;
            }
            case LIKE -> {
                return 0.1;
            }
            default -> {
                return RelMdUtil.guessSelectivity(p);
            }
        }
    }

    private static RexNode strip(RexNode n) {
        while (n.getKind() == SqlKind.CAST) {
            n = ((RexCall) n).getOperands().get(0);
        }
        return n;
    }

    private static Double comparison(RexCall call, IntFunction<ColumnStatistics> stats) {
        RexNode a = strip(call.getOperands().get(0));
        RexNode b = strip(call.getOperands().get(1));
        SqlKind kind = call.getKind();
        if (a instanceof RexLiteral && b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (a instanceof RexInputRef ra && b instanceof RexInputRef rb) {
            ColumnStatistics sa = stats.apply(ra.getIndex());
            ColumnStatistics sb = stats.apply(rb.getIndex());
            if (kind == SqlKind.EQUALS && sa != null && sb != null && sa.distinctCount() != null && sb.distinctCount() != null) {
                return 1.0 / Math.max(1, Math.max(sa.distinctCount(), sb.distinctCount()));
            }
            return null;
        }
        if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral lit)) {
            return null;
        }
        ColumnStatistics s = stats.apply(ref.getIndex());
        if (s == null) {
            return null;
        }
        double ndv = s.distinctCount() == null ? 0 : Math.max(1, s.distinctCount());
        switch (kind) {
            case EQUALS -> {
                return ndv > 0 ? 1.0 / ndv : null;
            }
            case NOT_EQUALS -> {
                return ndv > 0 ? 1.0 - 1.0 / ndv : null;
            }
            default -> {
                Double lo = ColumnStats.position(s.min());
                Double hi = ColumnStats.position(s.max());
                Double v = ColumnStats.position(lit);
                if (lo == null || hi == null || v == null || hi <= lo) {
                    return null;
                }
                double below = (v - lo) / (hi - lo);
                below = Math.max(0, Math.min(1, below));
                return switch (kind) {
                    case LESS_THAN, LESS_THAN_OR_EQUAL -> below;
                    default -> 1 - below;
                };
            }
        }
    }
}
