package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Java values as SQL literals, typed as Spark types them: Integer is INT, Long BIGINT, Double
 * and Float DOUBLE, BigDecimal an exact DECIMAL, String a string, LocalDate a DATE and
 * LocalDateTime a TIMESTAMP; the literal SQL text would give the same node.
 */
final class Literals {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private Literals() {
    }

    /** The value in the form literals keep (java.sql dates as java.time, BigInteger as BigDecimal). */
    static Object normalize(Object v) {
        return switch (v) {
            case null -> null;
            case Column c -> throw new IllegalStateException("a Column is not a literal");
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case BigInteger b -> new BigDecimal(b);
            case Character c -> c.toString();
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s;
            case Byte b -> b;
            case Double d -> d;
            case Float f -> f;
            case BigDecimal b -> b;
            case String s -> s;
            case LocalDate d -> d;
            case LocalDateTime t -> t;
            default -> throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "unsupported literal " + v + " of "
                    + v.getClass().getName() + " (use Boolean, Integer, Long, Double, BigDecimal, String, LocalDate, LocalDateTime)");
        };
    }

    static SqlNode toSql(Object v) {
        return switch (v) {
            case null -> SqlLiteral.createNull(POS);
            case Boolean b -> SqlLiteral.createBoolean(b, POS);
            case Integer i -> exact(BigDecimal.valueOf(i));
            case Short s -> cast(exact(BigDecimal.valueOf(s)), SqlTypeName.SMALLINT);
            case Byte b -> cast(exact(BigDecimal.valueOf(b)), SqlTypeName.TINYINT);
            case Long l -> cast(exact(BigDecimal.valueOf(l)), SqlTypeName.BIGINT);
            case Double d -> approximate(d);
            case Float f -> approximate(f.doubleValue());
            case BigDecimal b -> exact(b);
            case String s -> SqlLiteral.createCharString(s, POS);
            case LocalDate d -> SqlLiteral.createDate(new DateString(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), POS);
            case LocalDateTime t -> timestamp(t);
            default -> toSql(normalize(v));
        };
    }

    private static SqlNode exact(BigDecimal b) {
        SqlNumericLiteral magnitude = SqlLiteral.createExactNumeric(b.abs().toPlainString(), POS);
        return b.signum() < 0 ? SqlLiteral.createNegative(magnitude, POS) : magnitude;
    }

    private static SqlNode approximate(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return cast(SqlLiteral.createCharString(Double.toString(d), POS), SqlTypeName.DOUBLE);
        }
        // An exponent makes the literal approximate (DOUBLE), as 1.5E0 is in SQL.
        String text = BigDecimal.valueOf(Math.abs(d)).toString().toUpperCase(java.util.Locale.ROOT);
        if (!text.contains("E")) {
            text = text + "E0";
        }
        SqlNumericLiteral magnitude = SqlLiteral.createApproxNumeric(text, POS);
        return d < 0 || (d == 0 && 1 / d < 0) ? SqlLiteral.createNegative(magnitude, POS) : magnitude;
    }

    private static SqlNode timestamp(LocalDateTime t) {
        TimestampString ts = new TimestampString(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                t.getMinute(), t.getSecond());
        int precision = 0;
        if (t.getNano() != 0) {
            String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            ts = ts.withFraction(fraction);
            precision = fraction.length();
        }
        return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, ts, precision, POS);
    }

    static SqlNode cast(SqlNode value, SqlTypeName type) {
        return SqlStdOperatorTable.CAST.createCall(POS, value, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS));
    }
}
