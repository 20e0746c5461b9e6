package dev.ember.columnar;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/** Deep copies of the first {@code n} values of a vector, buffer by buffer. */
public final class VectorCopy {
    private VectorCopy() {
    }

    public static FieldVector copy(FieldVector src, int n, BufferAllocator allocator) {
        FieldVector dst = (FieldVector) src.getField().createVector(allocator);
        if (src instanceof BaseFixedWidthVector f && dst instanceof BaseFixedWidthVector d) {
            d.allocateNew(Math.max(n, 1));
            long validityBytes = (n + 7) / 8;
            copyBytes(f.getValidityBuffer(), d.getValidityBuffer(), validityBytes);
            long dataBytes = src instanceof BitVector ? validityBytes : (long) n * f.getTypeWidth();
            copyBytes(f.getDataBuffer(), d.getDataBuffer(), dataBytes);
        } else if (src instanceof BaseVariableWidthVector v && dst instanceof BaseVariableWidthVector d) {
            long dataBytes = n == 0 ? 0 : v.getOffsetBuffer().getInt((long) n * 4);
            d.allocateNew(Math.max(dataBytes, 1), Math.max(n, 1));
            copyBytes(v.getValidityBuffer(), d.getValidityBuffer(), (n + 7) / 8);
            copyBytes(v.getOffsetBuffer(), d.getOffsetBuffer(), (n + 1L) * 4);
            copyBytes(v.getDataBuffer(), d.getDataBuffer(), dataBytes);
            d.setLastSet(n - 1);
        } else {
            // Nested or unusual vectors: value by value (not on any hot path).
            dst.setInitialCapacity(Math.max(n, 1));
            dst.allocateNew();
            TransferPair tp = src.makeTransferPair(dst);
            for (int i = 0; i < n; i++) {
                tp.copyValueSafe(i, i);
            }
        }
        dst.setValueCount(n);
        return dst;
    }

    private static void copyBytes(ArrowBuf from, ArrowBuf to, long bytes) {
        if (bytes > 0) {
            to.setBytes(0, from, 0, bytes);
        }
    }
}
