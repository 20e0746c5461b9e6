package dev.ember.optimizer.stats;

import dev.ember.columnar.source.TableStatistics;
import dev.ember.plan.EmberTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rex.RexLiteral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Calendar;

/** Reading a table's column statistics, and placing literals on a column's value range. */
final class ColumnStats {
    private ColumnStats() {
    }

    static TableStatistics.ColumnStatistics of(RelOptTable table, int ordinal) {
        EmberTable t = table.unwrap(EmberTable.class);
        if (t == null) {
            return null;
        }
        String name = t.source().schema().field(ordinal).name();
        return t.statistics().columns().get(name);
    }

    /** A statistics bound (LocalDate, Number) as a double on one axis with literals. */
    static Double position(Object v) {
        return switch (v) {
            case null -> null;
            case LocalDate d -> (double) d.toEpochDay();
            case Number n -> n.doubleValue();
            default -> null;
        };
    }

    /** A comparable literal as a double on the same axis (dates as epoch days). */
    static Double position(RexLiteral lit) {
        if (lit.isNull()) {
            return null;
        }
        Comparable<?> v = lit.getValueAs(Comparable.class);
        return switch (v) {
            case BigDecimal b -> b.doubleValue();
            case Number n -> n.doubleValue();
            case org.apache.calcite.util.DateString d -> (double) d.getDaysSinceEpoch();
            case Calendar c -> (double) Math.floorDiv(c.getTimeInMillis(), 86_400_000L);
            default -> {
                org.apache.calcite.util.DateString d = lit.getValueAs(org.apache.calcite.util.DateString.class);
                yield d == null ? null : (double) d.getDaysSinceEpoch();
            }
        };
    }
}
