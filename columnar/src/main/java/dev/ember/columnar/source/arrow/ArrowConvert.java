package dev.ember.columnar.source.arrow;

import dev.ember.columnar.Values;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Moves vectors between Ember's layouts and standard Arrow: as they are when the layouts agree
 * (sharing buffers, no copy), converted value by value when they do not (unscaled-long decimals
 * and Decimal128, narrow ints, floats, millisecond dates, other timestamp units).
 */
final class ArrowConvert {
    private ArrowConvert() {
    }

    /** A vector in Ember's layout for {@code target} holding the first {@code n} values of {@code src}. */
    static FieldVector toEmber(FieldVector src, Field target, int n, BufferAllocator allocator) {
        DataType t = target.type();
        if (src.getField().getType().equals(t.arrowType())) {
            TransferPair tp = src.getTransferPair(allocator);
            tp.splitAndTransfer(0, n);
            return (FieldVector) tp.getTo();
        }
        FieldVector out = Vectors.allocate(target.name(), t, allocator, n);
        try {
            if (src instanceof DecimalVector d && t instanceof DataType.DecimalType dt && dt.isLong() && d.getScale() == dt.scale()) {
                BigIntVector o = (BigIntVector) out;
                for (int i = 0; i < n; i++) {
                    if (!d.isNull(i)) {
                        // Decimal128 is little-endian: for values of at most 18 digits the low word is the value.
                        o.set(i, d.getDataBuffer().getLong((long) i * DecimalVector.TYPE_WIDTH));
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (!src.isNull(i)) {
                        Values.set(out, t, i, value(src, i));
                    }
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static Object value(FieldVector src, int i) {
        if (src instanceof DateMilliVector d) {
            return java.time.LocalDate.ofEpochDay(Math.floorDiv(d.get(i), 86_400_000L));
        }
        if (src instanceof TimeStampVector ts) {
            long v = ts.get(i);
            TimeUnit unit = ((ArrowType.Timestamp) ts.getField().getType()).getUnit();
            long micros = switch (unit) {
                case SECOND -> v * 1_000_000L;
                case MILLISECOND -> v * 1000L;
                case MICROSECOND -> v;
                case NANOSECOND -> Math.floorDiv(v, 1000L);
            };
            return Values.microsToTimestamp(micros);
        }
        Object o = src.getObject(i);
        return switch (o) {
            case org.apache.arrow.vector.util.Text text -> text.toString();
            case LocalDateTime ldt -> ldt;
            case Float f -> f.doubleValue();
            case Byte b -> b.intValue();
            case Short s -> s.intValue();
            case Character c -> (int) c;
            case BigDecimal bd -> bd;
            default -> o;
        };
    }

    /** Fills {@code target} (in the written, standard layout) with {@code src}'s {@code n} values. */
    static void fillWritten(FieldVector target, FieldVector src, Field f, int n) {
        target.clear();
        if (f.type() instanceof DataType.DecimalType d && d.isLong()) {
            DecimalVector out = (DecimalVector) target;
            out.allocateNew(Math.max(1, n));
            BigIntVector in = (BigIntVector) src;
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    out.setNull(i);
                } else {
                    out.set(i, BigDecimal.valueOf(in.get(i), d.scale()));
                }
            }
            out.setValueCount(n);
            return;
        }
        // Same layout: share the batch's buffers (producers never rewrite a batch they handed out).
        src.makeTransferPair(target).splitAndTransfer(0, n);
    }
}
