package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Three-valued AND / OR over any number of operands, NOT, and the IS [NOT] NULL/TRUE/FALSE
 * tests, computed 64 rows at a time on the bitmaps: for AND, a row is FALSE if any operand is
 * (valid and false), TRUE if all are (valid and true), else NULL; OR is the dual.
 */
final class LogicExpr implements VectorExpr {
    private final ScalarFn fn;
    private final List<VectorExpr> args;

    LogicExpr(ScalarFn fn, List<VectorExpr> args) {
        this.fn = fn;
        this.args = List.copyOf(args);
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        return switch (fn) {
            case AND, OR -> andOr(batch, scratch, n, fn == ScalarFn.AND);
            case NOT -> not(batch, scratch, n);
            default -> test(batch, scratch, n);
        };
    }

    private static long validWord(FieldVector v, boolean allValid, int byteOff, int nb) {
        if (allValid) {
            return -1L;
        }
        return word(v.getValidityBuffer().memoryAddress(), byteOff, nb);
    }

    /** Reads up to 8 bytes as a little-endian word; bytes past nb read as zero. */
    private static long word(long addr, int byteOff, int nb) {
        if (byteOff + 8 <= nb) {
            return MemoryUtil.getLong(addr + byteOff);
        }
        long w = 0;
        for (int b = 0; byteOff + b < nb; b++) {
            w |= (MemoryUtil.getByte(addr + byteOff + b) & 0xffL) << (8 * b);
        }
        return w;
    }

    private static void putWord(long addr, int byteOff, int nb, long w) {
        if (byteOff + 8 <= nb) {
            MemoryUtil.putLong(addr + byteOff, w);
            return;
        }
        for (int b = 0; byteOff + b < nb; b++) {
            MemoryUtil.putByte(addr + byteOff + b, (byte) (w >>> (8 * b)));
        }
    }

    private FieldVector andOr(ColumnBatch batch, EvalScratch scratch, int n, boolean and) {
        int k = args.size();
        FieldVector[] vs = new FieldVector[k];
        boolean[] allValid = new boolean[k];
        for (int j = 0; j < k; j++) {
            vs[j] = args.get(j).eval(batch, scratch);
            allValid[j] = vs[j].getNullCount() == 0;
        }
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long od = out.getDataBuffer().memoryAddress();
        long ov = out.getValidityBuffer().memoryAddress();
        int nb = Bits.bytes(n);
        for (int off = 0; off < nb; off += 8) {
            // For AND: "decided" = some operand FALSE; "all" = every operand TRUE.
            long decided = 0;
            long all = -1L;
            for (int j = 0; j < k; j++) {
                long valid = validWord(vs[j], allValid[j], off, nb);
                long data = word(vs[j].getDataBuffer().memoryAddress(), off, nb);
                long isTrue = valid & data;
                long isFalse = valid & ~data;
                if (and) {
                    decided |= isFalse;
                    all &= isTrue;
                } else {
                    decided |= isTrue;
                    all &= isFalse;
                }
            }
            long valid = decided | all;
            long data = and ? all & ~decided : decided;
            putWord(ov, off, nb, valid);
            putWord(od, off, nb, data);
        }
        out.setValueCount(n);
        return out;
    }

    private FieldVector not(ColumnBatch batch, EvalScratch scratch, int n) {
        FieldVector in = args.get(0).eval(batch, scratch);
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        long id = in.getDataBuffer().memoryAddress();
        long od = out.getDataBuffer().memoryAddress();
        int nb = Bits.bytes(n);
        for (int off = 0; off < nb; off += 8) {
            putWord(od, off, nb, ~word(id, off, nb));
        }
        Bits.copyValidity(in, out, n);
        out.setValueCount(n);
        return out;
    }

    private FieldVector test(ColumnBatch batch, EvalScratch scratch, int n) {
        FieldVector in = args.get(0).eval(batch, scratch);
        FieldVector out = scratch.allocate(DataType.BOOLEAN, n);
        boolean allValid = in.getNullCount() == 0;
        boolean isBool = args.get(0).type() instanceof DataType.BooleanType;
        long od = out.getDataBuffer().memoryAddress();
        int nb = Bits.bytes(n);
        for (int off = 0; off < nb; off += 8) {
            long valid = validWord(in, allValid, off, nb);
            long data = isBool ? word(in.getDataBuffer().memoryAddress(), off, nb) : 0;
            long r = switch (fn) {
                case IS_NULL -> ~valid;
                case IS_NOT_NULL -> valid;
                case IS_TRUE -> valid & data;
                case IS_NOT_TRUE -> ~(valid & data);
                case IS_FALSE -> valid & ~data;
                case IS_NOT_FALSE -> ~(valid & ~data);
                default -> throw new IllegalStateException(fn.name());
            };
            putWord(od, off, nb, r);
        }
        Bits.setAll(out.getValidityBuffer(), n);
        out.setValueCount(n);
        return out;
    }
}
