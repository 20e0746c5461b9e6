package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/** EXTRACT of date and time fields, date + days / months, timestamp + micros, and datediff. */
final class DateFnExpr implements VectorExpr {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final ScalarFn fn;
    private final List<VectorExpr> args;
    private final DataType type;

    DateFnExpr(ScalarFn fn, List<VectorExpr> args, DataType type) {
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
        FieldVector a = args.get(0).eval(batch, scratch);
        FieldVector b = args.size() > 1 ? args.get(1).eval(batch, scratch) : null;
        FieldVector out = scratch.allocate(type, n);
        Bits.and(a, b, out, n);
        long aa = a.getDataBuffer().memoryAddress();
        long ba = b == null ? 0 : b.getDataBuffer().memoryAddress();
        boolean bInt = b != null && (args.get(1).type() instanceof DataType.IntType);
        long oa = out.getDataBuffer().memoryAddress();
        boolean inTimestamp = args.get(0).type() instanceof DataType.TimestampType;
        boolean outInt = type instanceof DataType.IntType || type instanceof DataType.DateType;
        for (int i = 0; i < n; i++) {
            long micros = inTimestamp ? MemoryUtil.getLong(aa + 8L * i) : 0;
            int days = inTimestamp ? (int) Math.floorDiv(micros, MICROS_PER_DAY) : MemoryUtil.getInt(aa + 4L * i);
            long timeOfDay = inTimestamp ? Math.floorMod(micros, MICROS_PER_DAY) : 0;
            long arg = b == null ? 0 : (bInt ? MemoryUtil.getInt(ba + 4L * i) : MemoryUtil.getLong(ba + 8L * i));
            long r = switch (fn) {
                case EXTRACT_YEAR -> CivilDate.year(days);
                case EXTRACT_QUARTER -> (CivilDate.month(days) - 1) / 3 + 1;
                case EXTRACT_MONTH -> CivilDate.month(days);
                case EXTRACT_DAY -> CivilDate.day(days);
                case EXTRACT_DOW -> CivilDate.dayOfWeekSunday1(days);
                case EXTRACT_DOY -> CivilDate.dayOfYear(days);
                case EXTRACT_HOUR -> timeOfDay / 3_600_000_000L;
                case EXTRACT_MINUTE -> timeOfDay / 60_000_000L % 60;
                case EXTRACT_SECOND -> timeOfDay / 1_000_000L % 60;
                case DATE_ADD_DAYS -> inTimestamp ? micros + arg * MICROS_PER_DAY : Math.addExact(days, Math.toIntExact(arg));
                case DATE_ADD_MONTHS -> inTimestamp
                        ? (long) CivilDate.addMonths(days, arg) * MICROS_PER_DAY + timeOfDay
                        : CivilDate.addMonths(days, arg);
                case TIMESTAMP_ADD_MICROS -> Math.addExact(inTimestamp ? micros : days * MICROS_PER_DAY, arg);
                case DATE_DIFF_DAYS -> days - (int) arg;
                default -> throw new IllegalStateException(fn.name());
            };
            if (outInt) {
                MemoryUtil.putInt(oa + 4L * i, (int) r);
            } else {
                MemoryUtil.putLong(oa + 8L * i, r);
            }
        }
        out.setValueCount(n);
        return out;
    }
}
