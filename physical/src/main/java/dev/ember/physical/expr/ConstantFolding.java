package dev.ember.physical.expr;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Evaluates an expression whose inputs are all constants once, at compile time, so that no
 * batch ever recomputes it (the optimizer folds most such expressions already; this catches the
 * rest, e.g. casts the compiler inserts around literals).
 */
final class ConstantFolding {
    private static final BufferAllocator ALLOCATOR = ArrowRuntime.newChild("constant-folding", Long.MAX_VALUE);

    private ConstantFolding() {
    }

    /** The constant value of {@code e}, or null when it cannot be folded (the caller keeps {@code e}). */
    static ConstantExpr fold(VectorExpr e) {
        try (BufferAllocator a = ALLOCATOR.newChildAllocator("fold", 0, Long.MAX_VALUE);
             EvalScratch scratch = new EvalScratch(a)) {
            ColumnBatch one = ColumnBatch.ofRows(1);
            FieldVector v = e.eval(one, scratch);
            Object external = Values.get(v, e.type(), 0);
            return new ConstantExpr(internal(external, e.type()), e.type());
        } catch (RuntimeException ex) {
            // Errors (a bad cast, an overflow) surface when a batch is evaluated, as they would unfolded.
            return null;
        }
    }

    /** A value as {@link Values#get} returns it, in the internal representation literals carry. */
    static Object internal(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case DataType.DateType d -> (int) ((LocalDate) v).toEpochDay();
            case DataType.TimestampType ts -> Values.toMicros((LocalDateTime) v);
            case DataType.DecimalType d -> d.isLong()
                    ? ((BigDecimal) v).setScale(d.scale(), RoundingMode.HALF_UP).unscaledValue().longValueExact() : v;
            default -> v;
        };
    }
}
