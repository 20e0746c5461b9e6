package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/** {@code x LIKE 'constant pattern' [ESCAPE 'c']}; NULL when x is NULL. */
final class LikeExpr implements VectorExpr {
    private final VectorExpr input;
    private final LikeMatcher matcher;

    LikeExpr(VectorExpr input, String pattern, Character escape) {
        this.input = input;
        this.matcher = new LikeMatcher(pattern, escape);
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector in = input.eval(batch, scratch);
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long od = out.getDataBuffer().memoryAddress();
        long offs = in.getOffsetBuffer().memoryAddress();
        long data = in.getDataBuffer().memoryAddress();
        for (int base = 0; base < n; base += 8) {
            int bits = 0;
            int end = Math.min(8, n - base);
            for (int j = 0; j < end; j++) {
                int i = base + j;
                int s = MemoryUtil.getInt(offs + 4L * i);
                int len = MemoryUtil.getInt(offs + 4L * i + 4) - s;
                if (matcher.matches(data + s, len)) {
                    bits |= 1 << j;
                }
            }
            MemoryUtil.putByte(od + (base >> 3), (byte) bits);
        }
        Bits.copyValidity(in, out, n);
        out.setValueCount(n);
        return out;
    }
}
