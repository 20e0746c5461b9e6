package dev.ember.physical.ops;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.plan.JoinType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins of rows of (k, v, s) on both sides computed in plain Java, with SQL's NULL rules: a NULL
 * key matches nothing, and the residual {@code l.v < r.v} is not true when either side is NULL.
 */
final class JoinReference {
    static final Schema LEFT = Schema.of(Field.of("k", DataType.BIGINT), Field.of("v", DataType.BIGINT),
            Field.of("s", DataType.STRING));
    static final Schema RIGHT = Schema.of(Field.of("k2", DataType.BIGINT), Field.of("v2", DataType.BIGINT),
            Field.of("s2", DataType.STRING));

    private JoinReference() {
    }

    static Schema outSchema(JoinType type) {
        return type.leftOnly() ? LEFT : LEFT.concat(RIGHT);
    }

    /** {@code l.v < r.v} over the concatenated (left, right) row. */
    static VectorExpr residual() {
        return ExprCompiler.compile(PhysicalExpr.call(ScalarFn.LT, DataType.BOOLEAN,
                PhysicalExpr.col(1, DataType.BIGINT), PhysicalExpr.col(4, DataType.BIGINT)));
    }

    /** {@code l.k = r.k AND l.v < r.v}: the same join as a condition for a nested-loop join. */
    static VectorExpr equiAndResidual() {
        PhysicalExpr eq = PhysicalExpr.call(ScalarFn.EQ, DataType.BOOLEAN, PhysicalExpr.col(0, DataType.BIGINT),
                PhysicalExpr.col(3, DataType.BIGINT));
        PhysicalExpr lt = PhysicalExpr.call(ScalarFn.LT, DataType.BOOLEAN, PhysicalExpr.col(1, DataType.BIGINT),
                PhysicalExpr.col(4, DataType.BIGINT));
        return ExprCompiler.compile(PhysicalExpr.call(ScalarFn.AND, DataType.BOOLEAN, eq, lt));
    }

    private static boolean residualHolds(List<Object> l, List<Object> r, boolean withResidual) {
        if (!withResidual) {
            return true;
        }
        return l.get(1) instanceof Long a && r.get(1) instanceof Long b && a < b;
    }

    static List<List<Object>> join(List<List<Object>> left, List<List<Object>> right, JoinType type,
                                   boolean withResidual) {
        if (type == JoinType.NULL_AWARE_ANTI) {
            return notIn(left, right);
        }
        Map<Object, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < right.size(); i++) {
            Object k = right.get(i).get(0);
            if (k != null) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        boolean[] rightMatched = new boolean[right.size()];
        List<List<Object>> out = new ArrayList<>();
        List<Object> nullRow = Arrays.asList(null, null, null);
        for (List<Object> l : left) {
            boolean matched = false;
            Object k = l.get(0);
            for (int i : k == null ? List.<Integer>of() : byKey.getOrDefault(k, List.of())) {
                List<Object> r = right.get(i);
                if (residualHolds(l, r, withResidual)) {
                    matched = true;
                    rightMatched[i] = true;
                    if (!type.leftOnly()) {
                        out.add(concat(l, r));
                    }
                }
            }
            if ((type == JoinType.SEMI && matched) || (type == JoinType.ANTI && !matched)) {
                out.add(l);
            }
            if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                out.add(concat(l, nullRow));
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int i = 0; i < right.size(); i++) {
                if (!rightMatched[i]) {
                    out.add(concat(nullRow, right.get(i)));
                }
            }
        }
        return out;
    }

    /** {@code l.k NOT IN (SELECT r.k ...)}. */
    private static List<List<Object>> notIn(List<List<Object>> left, List<List<Object>> right) {
        if (right.isEmpty()) {
            return left;
        }
        Set<Object> keys = new HashSet<>();
        for (List<Object> r : right) {
            if (r.get(0) == null) {
                return Collections.emptyList();
            }
            keys.add(r.get(0));
        }
        return left.stream().filter(l -> l.get(0) != null && !keys.contains(l.get(0))).toList();
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
