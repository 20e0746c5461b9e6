package dev.ember.physical.plan;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * A structural description of a physical (sub)plan: two subplans with the same digest compute
 * the same rows. Records' own {@code equals} compares their {@code int[]} fields (key and column
 * lists) by identity, so this walks the components instead: records by their components, lists
 * and arrays by their elements, anything else (a table source, a literal) by its own string,
 * which for sources without one is their identity: only a scan of the very same source matches.
 */
public final class PlanDigest {
    private PlanDigest() {
    }

    public static String of(PhysicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        append(sb, plan);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object o) {
        switch (o) {
            case null -> sb.append("null");
            case int[] a -> sb.append(Arrays.toString(a));
            case long[] a -> sb.append(Arrays.toString(a));
            case boolean[] a -> sb.append(Arrays.toString(a));
            case double[] a -> sb.append(Arrays.toString(a));
            case Object[] a -> appendAll(sb, Arrays.asList(a));
            case List<?> l -> appendAll(sb, l);
            case Record r -> {
                sb.append(r.getClass().getName()).append('(');
                RecordComponent[] cs = r.getClass().getRecordComponents();
                for (int i = 0; i < cs.length; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    try {
                        var accessor = cs[i].getAccessor();
                        accessor.setAccessible(true);
                        append(sb, accessor.invoke(r));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // Unreadable: make the digest unique so that nothing is taken for equal.
                        sb.append("?").append(System.identityHashCode(r));
                    }
                }
                sb.append(')');
            }
            default -> sb.append(o.getClass().getName()).append(':').append(o);
        }
    }

    private static void appendAll(StringBuilder sb, List<?> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, items.get(i));
        }
        sb.append(']');
    }
}
