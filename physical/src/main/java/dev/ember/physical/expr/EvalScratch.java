package dev.ember.physical.expr;

import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors an expression allocates while evaluating one batch. Intermediate results die
 * with {@link #release()}; results that become part of an output batch are taken out with
 * {@link #detach} first. One scratch per task (operators are single-threaded).
 */
public final class EvalScratch implements AutoCloseable {
    private final BufferAllocator allocator;
    private final List<FieldVector> owned = new ArrayList<>();
    private final Map<FieldVector, Boolean> ownedSet = new IdentityHashMap<>();

    public EvalScratch(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** A new vector for {@code rows} values of {@code type}, owned by this scratch. */
    public FieldVector allocate(DataType type, int rows) {
        FieldVector v = Vectors.allocate("_", type, allocator, rows);
        owned.add(v);
        ownedSet.put(v, Boolean.TRUE);
        return v;
    }

    /** Registers a vector made elsewhere so that it is freed with the scratch. */
    public FieldVector adopt(FieldVector v) {
        owned.add(v);
        ownedSet.put(v, Boolean.TRUE);
        return v;
    }

    /** True if this scratch allocated {@code v}; the caller owns it from now on. */
    public boolean detach(FieldVector v) {
        if (ownedSet.remove(v) != null) {
            owned.remove(v);
            return true;
        }
        return false;
    }

    /** Frees every vector still owned. */
    public void release() {
        for (FieldVector v : owned) {
            v.close();
        }
        owned.clear();
        ownedSet.clear();
    }

    @Override
    public void close() {
        release();
    }
}
