package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * String functions over UTF-8 bytes: substring, upper, lower, trim/ltrim/rtrim, length,
 * concat, replace, position, starts_with, ends_with, contains. Positions and lengths count code
 * points (SQL semantics); ASCII data takes byte-level paths. NULL in, NULL out (concat too).
 */
final class StringFnExpr implements VectorExpr {
    private final ScalarFn fn;
    private final List<VectorExpr> args;
    private final DataType type;

    StringFnExpr(ScalarFn fn, List<VectorExpr> args, DataType type) {
        this.fn = fn;
        this.args = List.copyOf(args);
        this.type = type;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        FieldVector[] in = new FieldVector[args.size()];
        for (int a = 0; a < in.length; a++) {
            in[a] = args.get(a).eval(batch, scratch);
        }
        FieldVector out = scratch.allocate(type, n);
        switch (fn) {
            case CHAR_LENGTH -> lengthLoop(in, out, n);
            case POSITION, STARTS_WITH, ENDS_WITH, CONTAINS -> searchLoop(in, out, n);
            default -> stringLoop(in, out, n);
        }
        return out;
    }

    private static boolean anyNull(FieldVector[] in, int i) {
        for (FieldVector v : in) {
            if (v.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    private static long start(FieldVector v, int i) {
        return MemoryUtil.getInt(v.getOffsetBuffer().memoryAddress() + 4L * i);
    }

    private static int len(FieldVector v, int i) {
        long o = v.getOffsetBuffer().memoryAddress() + 4L * i;
        return MemoryUtil.getInt(o + 4) - MemoryUtil.getInt(o);
    }

    private static long addr(FieldVector v, int i) {
        return v.getDataBuffer().memoryAddress() + start(v, i);
    }

    private static long intArg(FieldVector v, int i) {
        return switch (v.getMinorType()) {
            case INT -> MemoryUtil.getInt(v.getDataBuffer().memoryAddress() + 4L * i);
            default -> MemoryUtil.getLong(v.getDataBuffer().memoryAddress() + 8L * i);
        };
    }

    private static String str(FieldVector v, int i) {
        byte[] b = new byte[len(v, i)];
        MemoryUtil.copyFromMemory(addr(v, i), b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void lengthLoop(FieldVector[] in, FieldVector out, int n) {
        long oa = out.getDataBuffer().memoryAddress();
        boolean isInt = type instanceof DataType.IntType;
        for (int i = 0; i < n; i++) {
            if (in[0].isNull(i)) {
                continue;
            }
            int cps = Utf8.codePoints(addr(in[0], i), len(in[0], i));
            Bits.set(out.getValidityBuffer().memoryAddress(), i);
            if (isInt) {
                MemoryUtil.putInt(oa + 4L * i, cps);
            } else {
                MemoryUtil.putLong(oa + 8L * i, cps);
            }
        }
        out.setValueCount(n);
    }

    private void searchLoop(FieldVector[] in, FieldVector out, int n) {
        long oa = out.getDataBuffer().memoryAddress();
        long ov = out.getValidityBuffer().memoryAddress();
        for (int i = 0; i < n; i++) {
            if (anyNull(in, i)) {
                continue;
            }
            Bits.set(ov, i);
            // POSITION(needle IN haystack): args are (needle, haystack); the others (haystack, needle).
            FieldVector hay = fn == ScalarFn.POSITION ? in[1] : in[0];
            FieldVector needle = fn == ScalarFn.POSITION ? in[0] : in[1];
            long ha = addr(hay, i);
            int hl = len(hay, i);
            long na = addr(needle, i);
            int nl = len(needle, i);
            switch (fn) {
                case STARTS_WITH -> {
                    if (nl <= hl && Utf8.equals(ha, nl, na, nl)) {
                        Bits.set(oa, i);
                    }
                }
                case ENDS_WITH -> {
                    if (nl <= hl && Utf8.equals(ha + hl - nl, nl, na, nl)) {
                        Bits.set(oa, i);
                    }
                }
                case CONTAINS -> {
                    if (indexOf(ha, hl, na, nl) >= 0) {
                        Bits.set(oa, i);
                    }
                }
                case POSITION -> {
                    int at = indexOf(ha, hl, na, nl);
                    int pos = at < 0 ? 0 : Utf8.codePoints(ha, at) + 1;
                    if (type instanceof DataType.IntType) {
                        MemoryUtil.putInt(oa + 4L * i, pos);
                    } else {
                        MemoryUtil.putLong(oa + 8L * i, pos);
                    }
                }
                default -> throw new IllegalStateException(fn.name());
            }
        }
        out.setValueCount(n);
    }

    static int indexOf(long ha, int hl, long na, int nl) {
        if (nl == 0) {
            return 0;
        }
        byte first = MemoryUtil.getByte(na);
        for (int p = 0; p + nl <= hl; p++) {
            if (MemoryUtil.getByte(ha + p) == first && Utf8.equals(ha + p, nl, na, nl)) {
                return p;
            }
        }
        return -1;
    }

    private void stringLoop(FieldVector[] in, FieldVector out, int n) {
        VarCharAppender w = new VarCharAppender((BaseVariableWidthVector) out);
        for (int i = 0; i < n; i++) {
            if (fn == ScalarFn.CONCAT_WS) {
                concatWs(in, w, i);
                continue;
            }
            if (anyNull(in, i)) {
                w.appendNull(i);
                continue;
            }
            long a = addr(in[0], i);
            int l = len(in[0], i);
            switch (fn) {
                case SUBSTRING -> {
                    // substring(s, pos [, length]) as Spark: pos is 1-based, 0 means 1, and a
                    // negative pos counts from the end (-1 is the last character).
                    long startCp = intArg(in[1], i);
                    long lenCp = in.length > 2 ? intArg(in[2], i) : Long.MAX_VALUE;
                    long from = startCp > 0 ? startCp - 1 : startCp < 0 ? Utf8.codePoints(a, l) + startCp : 0;
                    long to = lenCp == Long.MAX_VALUE ? Long.MAX_VALUE : from + lenCp;
                    if (lenCp < 0) {
                        w.appendMemory(i, a, 0);
                        break;
                    }
                    long fromClamped = Math.max(0, from);
                    if (to <= fromClamped) {
                        w.appendMemory(i, a, 0);
                        break;
                    }
                    int b0 = Utf8.byteOffsetOf(a, l, (int) Math.min(fromClamped, Integer.MAX_VALUE));
                    int b1 = to == Long.MAX_VALUE ? l : Utf8.byteOffsetOf(a, l, (int) Math.min(to, Integer.MAX_VALUE));
                    w.appendMemory(i, a + b0, b1 - b0);
                }
                case UPPER, LOWER -> {
                    byte[] b = new byte[l];
                    MemoryUtil.copyFromMemory(a, b, 0, l);
                    boolean ascii = true;
                    for (byte x : b) {
                        if (x < 0) {
                            ascii = false;
                            break;
                        }
                    }
                    if (ascii) {
                        for (int k = 0; k < l; k++) {
                            byte x = b[k];
                            if (fn == ScalarFn.UPPER && x >= 'a' && x <= 'z') {
                                b[k] = (byte) (x - 32);
                            } else if (fn == ScalarFn.LOWER && x >= 'A' && x <= 'Z') {
                                b[k] = (byte) (x + 32);
                            }
                        }
                        w.appendBytes(i, b);
                    } else {
                        String s = new String(b, StandardCharsets.UTF_8);
                        s = fn == ScalarFn.UPPER ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
                        w.appendBytes(i, s.getBytes(StandardCharsets.UTF_8));
                    }
                }
                case TRIM, LTRIM, RTRIM -> {
                    // Optional second argument: the characters to trim (default space).
                    byte[] chars = in.length > 1 ? str(in[1], i).getBytes(StandardCharsets.UTF_8) : new byte[] {' '};
                    int s = 0;
                    int e = l;
                    if (fn != ScalarFn.RTRIM) {
                        while (s < e && contains(chars, MemoryUtil.getByte(a + s))) {
                            s++;
                        }
                    }
                    if (fn != ScalarFn.LTRIM) {
                        while (e > s && contains(chars, MemoryUtil.getByte(a + e - 1))) {
                            e--;
                        }
                    }
                    w.appendMemory(i, a + s, e - s);
                }
                case CONCAT -> {
                    for (FieldVector v : in) {
                        w.addMemory(addr(v, i), len(v, i));
                    }
                    w.endRow(i);
                }
                case REPLACE -> {
                    long sa = addr(in[1], i);
                    int sl = len(in[1], i);
                    long ra = addr(in[2], i);
                    int rl = len(in[2], i);
                    if (sl == 0) {
                        w.appendMemory(i, a, l);
                        break;
                    }
                    int p = 0;
                    while (true) {
                        int at = indexOf(a + p, l - p, sa, sl);
                        if (at < 0) {
                            w.addMemory(a + p, l - p);
                            break;
                        }
                        w.addMemory(a + p, at);
                        w.addMemory(ra, rl);
                        p += at + sl;
                    }
                    w.endRow(i);
                }
                default -> throw new IllegalStateException(fn.name());
            }
        }
        w.finish(n);
    }

    /** concat_ws: the non-NULL strings after the separator, joined by it; NULL only when the separator is. */
    private static void concatWs(FieldVector[] in, VarCharAppender w, int i) {
        if (in[0].isNull(i)) {
            w.appendNull(i);
            return;
        }
        long sa = addr(in[0], i);
        int sl = len(in[0], i);
        boolean first = true;
        for (int k = 1; k < in.length; k++) {
            if (in[k].isNull(i)) {
                continue;
            }
            if (!first) {
                w.addMemory(sa, sl);
            }
            w.addMemory(addr(in[k], i), len(in[k], i));
            first = false;
        }
        w.endRow(i);
    }

    private static boolean contains(byte[] chars, byte b) {
        for (byte c : chars) {
            if (c == b) {
                return true;
            }
        }
        return false;
    }
}
