package dev.ember.physical.expr;

import dev.ember.columnar.types.DataType;

import java.util.List;

/**
 * A scalar expression over the columns of one input batch, as the optimizer hands it to the
 * engine room (Calcite's RexNode does not come down here). Values of literals use the internal
 * representation of their type: Boolean, Integer (INT, DATE as epoch days), Long (BIGINT,
 * DECIMAL(p&lt;=18) unscaled, TIMESTAMP micros), Double, BigDecimal (DECIMAL(p&gt;18)), String.
 */
public sealed interface PhysicalExpr {

    DataType type();

    /** Column {@code index} of the input batch. */
    record ColumnRef(int index, DataType type) implements PhysicalExpr {
        @Override
        public String toString() {
            return "#" + index;
        }
    }

    /** A constant; {@code value} is null for SQL NULL. */
    record Literal(Object value, DataType type) implements PhysicalExpr {
        @Override
        public String toString() {
            if (value == null) {
                return "null";
            }
            if (type instanceof DataType.StringType) {
                return "'" + value + "'";
            }
            if (type instanceof DataType.DecimalType d) {
                return value instanceof java.math.BigDecimal b ? b.toPlainString()
                        : java.math.BigDecimal.valueOf(((Number) value).longValue(), d.scale()).toPlainString();
            }
            if (type instanceof DataType.DateType) {
                return "DATE '" + java.time.LocalDate.ofEpochDay(((Number) value).longValue()) + "'";
            }
            return String.valueOf(value);
        }
    }

    /** A function of its arguments, with the result type the optimizer derived. */
    record Call(ScalarFn fn, List<PhysicalExpr> args, DataType type) implements PhysicalExpr {
        public Call {
            args = List.copyOf(args);
        }

        public PhysicalExpr arg(int i) {
            return args.get(i);
        }

        @Override
        public String toString() {
            return fn.display(args);
        }
    }

    /** {@code CAST(input AS type)}; a safe cast (TRY_CAST) gives NULL where a cast would fail. */
    record Cast(PhysicalExpr input, DataType type, boolean safe) implements PhysicalExpr {
        @Override
        public String toString() {
            return (safe ? "try_cast(" : "cast(") + input + " as " + type.sql() + ")";
        }
    }

    static ColumnRef col(int index, DataType type) {
        return new ColumnRef(index, type);
    }

    static Literal lit(Object value, DataType type) {
        return new Literal(value, type);
    }

    static Call call(ScalarFn fn, DataType type, PhysicalExpr... args) {
        return new Call(fn, List.of(args), type);
    }
}
