package dev.ember.physical.scheduler;

import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.Rdd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Walks a lineage without recursion, so hundreds of iterations deep cannot overflow the stack. */
public final class Lineage {
    private Lineage() {
    }

    /** Every Rdd reachable from {@code rdd} through narrow and shuffle dependencies, stopping at checkpoints. */
    public static List<Rdd<?>> rdds(Rdd<?> rdd) {
        List<Rdd<?>> out = new ArrayList<>();
        Set<Rdd<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Rdd<?>> stack = new ArrayDeque<>();
        stack.push(rdd);
        while (!stack.isEmpty()) {
            Rdd<?> r = stack.pop();
            if (!seen.add(r)) {
                continue;
            }
            out.add(r);
            for (Dependency<?> d : r.lineageDependencies()) {
                stack.push(d.rdd());
            }
        }
        return out;
    }
}
