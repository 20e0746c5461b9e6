package dev.ember.physical.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Small structural helpers over physical expressions. */
public final class ExprUtil {
    private ExprUtil() {
    }

    /** Input columns an expression reads. */
    public static SortedSet<Integer> columns(PhysicalExpr e) {
        SortedSet<Integer> out = new TreeSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(PhysicalExpr e, SortedSet<Integer> out) {
        switch (e) {
            case PhysicalExpr.ColumnRef c -> out.add(c.index());
            case PhysicalExpr.Literal l -> {
            }
            case PhysicalExpr.Cast c -> collect(c.input(), out);
            case PhysicalExpr.Call c -> c.args().forEach(a -> collect(a, out));
        }
    }

    /** The expression with column i replaced by column {@code map[i]}. */
    public static PhysicalExpr remap(PhysicalExpr e, int[] map) {
        return switch (e) {
            case PhysicalExpr.ColumnRef c -> new PhysicalExpr.ColumnRef(map[c.index()], c.type());
            case PhysicalExpr.Literal l -> l;
            case PhysicalExpr.Cast c -> new PhysicalExpr.Cast(remap(c.input(), map), c.type(), c.safe());
            case PhysicalExpr.Call c -> {
                List<PhysicalExpr> args = new ArrayList<>(c.args().size());
                for (PhysicalExpr a : c.args()) {
                    args.add(remap(a, map));
                }
                yield new PhysicalExpr.Call(c.fn(), args, c.type());
            }
        };
    }

    /** True when evaluating the expression costs far more than a comparison (worth compacting first). */
    public static boolean isExpensive(PhysicalExpr e) {
        return switch (e) {
            case PhysicalExpr.ColumnRef c -> false;
            case PhysicalExpr.Literal l -> false;
            case PhysicalExpr.Cast c -> c.input().type() instanceof dev.ember.columnar.types.DataType.StringType
                    || isExpensive(c.input());
            case PhysicalExpr.Call c -> switch (c.fn()) {
                case LIKE, SUBSTRING, UPPER, LOWER, TRIM, LTRIM, RTRIM, CONCAT, REPLACE, POSITION, CONTAINS, CASE -> true;
                default -> c.args().stream().anyMatch(ExprUtil::isExpensive);
            };
        };
    }
}
