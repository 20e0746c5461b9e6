package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Literal values: numbers, strings, {@code DATE '...'}, {@code TIMESTAMP '...'},
 * {@code DECIMAL '...'} and intervals. Malformed literal text is a parse error at the literal.
 */
final class Literals {
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?");

    /** Interval units by the words that name them, Spark's plurals included. */
    private static final Map<String, TimeUnit> INTERVAL_UNITS = Map.ofEntries(
            Map.entry("year", TimeUnit.YEAR), Map.entry("years", TimeUnit.YEAR),
            Map.entry("quarter", TimeUnit.QUARTER), Map.entry("quarters", TimeUnit.QUARTER),
            Map.entry("month", TimeUnit.MONTH), Map.entry("months", TimeUnit.MONTH),
            Map.entry("week", TimeUnit.WEEK), Map.entry("weeks", TimeUnit.WEEK),
            Map.entry("day", TimeUnit.DAY), Map.entry("days", TimeUnit.DAY),
            Map.entry("hour", TimeUnit.HOUR), Map.entry("hours", TimeUnit.HOUR),
            Map.entry("minute", TimeUnit.MINUTE), Map.entry("minutes", TimeUnit.MINUTE),
            Map.entry("second", TimeUnit.SECOND), Map.entry("seconds", TimeUnit.SECOND));

    private Literals() {
    }

    /** The value of a string literal token: quotes removed, doubled quotes undoubled. */
    static String unquote(Token string) {
        String text = string.getText();
        return text.substring(1, text.length() - 1).replace("''", "'");
    }

    static SqlLiteral string(Token string, Source source) {
        return SqlLiteral.createCharString(unquote(string), source.pos(string));
    }

    /** An unsigned number: integers and decimals are exact, numbers with an exponent approximate. */
    static SqlNode number(Token token, Source source) {
        SqlParserPos pos = source.pos(token);
        String text = token.getText();
        return switch (token.getType()) {
            case EmberSqlLexer.INTEGER_VALUE, EmberSqlLexer.DECIMAL_VALUE -> SqlLiteral.createExactNumeric(text, pos);
            case EmberSqlLexer.EXPONENT_VALUE -> approximate(text, token, source);
            case EmberSqlLexer.TYPED_NUMBER -> typedNumber(text, pos);
            default -> throw new IllegalStateException("not a number token: " + text);
        };
    }

    private static SqlLiteral approximate(String text, Token token, Source source) {
        if (Double.isInfinite(Double.parseDouble(text))) {
            throw source.error("number " + text + " is out of range for a DOUBLE", token);
        }
        return SqlLiteral.createApproxNumeric(text, source.pos(token));
    }

    /** Spark's suffixed numbers: 10L, 10S, 10Y, 1.5D, 1.5F, 1.5BD. */
    private static SqlNode typedNumber(String text, SqlParserPos pos) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.endsWith("BD")) {
            String digits = text.substring(0, text.length() - 2);
            return digits.toUpperCase(Locale.ROOT).contains("E")
                    ? SqlLiteral.createExactNumeric(new BigDecimal(digits).toPlainString(), pos)
                    : SqlLiteral.createExactNumeric(digits, pos);
        }
        String digits = text.substring(0, text.length() - 1);
        SqlTypeName type = switch (upper.charAt(upper.length() - 1)) {
            case 'L' -> SqlTypeName.BIGINT;
            case 'S' -> SqlTypeName.SMALLINT;
            case 'Y' -> SqlTypeName.TINYINT;
            case 'D' -> SqlTypeName.DOUBLE;
            case 'F' -> SqlTypeName.REAL;
            default -> throw new IllegalStateException("not a typed number: " + text);
        };
        SqlLiteral value = digits.toUpperCase(Locale.ROOT).contains("E")
                ? SqlLiteral.createApproxNumeric(digits, pos)
                : SqlLiteral.createExactNumeric(digits, pos);
        return SqlStdOperatorTable.CAST.createCall(pos, value,
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos), pos));
    }

    /** {@code -literal} folded into one negative literal, as Calcite's own parser does. */
    static SqlNode negate(SqlNumericLiteral literal, SqlParserPos pos) {
        return SqlLiteral.createNegative(literal, pos);
    }

    /** {@code DATE '...'}, {@code TIMESTAMP '...'}, {@code DECIMAL '...'} (and NUMERIC). */
    static SqlNode typed(String typeName, Token string, SqlParserPos pos, Source source) {
        String value = unquote(string).trim();
        String type = typeName.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "DATE" -> SqlLiteral.createDate(date(value, string, source), pos);
            case "TIMESTAMP" -> timestamp(value, string, pos, source);
            case "DECIMAL", "NUMERIC" -> decimal(value, string, pos, source);
            default -> throw new IllegalStateException("not a typed literal: " + type);
        };
    }

    private static DateString date(String value, Token at, Source source) {
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            throw source.error("invalid DATE literal '" + value + "': expected 'yyyy-mm-dd'", at);
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return new DateString(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        } catch (DateTimeException e) {
            throw source.error("invalid DATE literal '" + value + "': there is no such date", at);
        }
    }

    private static SqlNode timestamp(String value, Token at, SqlParserPos pos, Source source) {
        Matcher m = TIMESTAMP.matcher(value);
        if (!m.matches()) {
            throw source.error("invalid TIMESTAMP literal '" + value + "': expected 'yyyy-mm-dd hh:mm:ss[.fff]'", at);
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime t = LocalTime.of(group(m, 4), group(m, 5), group(m, 6));
            TimestampString ts = new TimestampString(d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond());
            String fraction = m.group(7);
            int precision = 0;
            if (fraction != null) {
                ts = ts.withFraction(fraction);
                precision = fraction.length();
            }
            return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, ts, precision, pos);
        } catch (DateTimeException e) {
            throw source.error("invalid TIMESTAMP literal '" + value + "': there is no such date or time", at);
        }
    }

    private static int group(Matcher m, int group) {
        String s = m.group(group);
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static SqlNode decimal(String value, Token at, SqlParserPos pos, Source source) {
        BigDecimal d;
        try {
            d = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw source.error("invalid DECIMAL literal '" + value + "'", at);
        }
        SqlNumericLiteral magnitude = SqlLiteral.createExactNumeric(d.abs().toPlainString(), pos);
        return d.signum() < 0 ? SqlLiteral.createNegative(magnitude, pos) : magnitude;
    }

    /**
     * {@code INTERVAL [+|-] value unit [TO unit]}: the value is quoted ({@code '3'},
     * {@code '1-2'}) or, as in Spark, a bare number; units may be plural ({@code 3 MONTHS}).
     */
    static SqlNode interval(Token sign, Token value, Token fromUnit, Token toUnit, SqlParserPos pos,
                            Source source) {
        String text = value.getType() == EmberSqlLexer.STRING ? unquote(value).trim() : value.getText();
        TimeUnit start = intervalUnit(fromUnit, source);
        TimeUnit end = toUnit == null ? null : intervalUnit(toUnit, source);
        if (end != null && !validRange(start, end)) {
            throw source.error("invalid interval range " + start + " TO " + end
                    + ": expected YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND or MINUTE TO SECOND",
                    fromUnit);
        }
        SqlParserPos unitPos = source.span(fromUnit, toUnit == null ? fromUnit : toUnit);
        SqlIntervalQualifier qualifier = new SqlIntervalQualifier(start, RelDataType.PRECISION_NOT_SPECIFIED,
                end, RelDataType.PRECISION_NOT_SPECIFIED, unitPos);
        try {
            qualifier.evaluateIntervalLiteral(text, pos, RelDataTypeSystem.DEFAULT);
        } catch (RuntimeException e) {
            String range = end == null ? start.name() : start + " TO " + end;
            throw source.error("invalid INTERVAL literal '" + text + "' " + range, value);
        }
        int signum = sign != null && sign.getType() == EmberSqlLexer.MINUS ? -1 : 1;
        return SqlLiteral.createInterval(signum, text, qualifier, pos);
    }

    private static TimeUnit intervalUnit(Token unit, Source source) {
        TimeUnit u = INTERVAL_UNITS.get(unit.getText().toLowerCase(Locale.ROOT));
        if (u == null) {
            throw source.error("unknown interval unit '" + unit.getText()
                    + "': expected YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE or SECOND", unit);
        }
        return u;
    }

    private static boolean validRange(TimeUnit start, TimeUnit end) {
        return switch (start) {
            case YEAR -> end == TimeUnit.MONTH;
            case DAY -> end == TimeUnit.HOUR || end == TimeUnit.MINUTE || end == TimeUnit.SECOND;
            case HOUR -> end == TimeUnit.MINUTE || end == TimeUnit.SECOND;
            case MINUTE -> end == TimeUnit.SECOND;
            default -> false;
        };
    }
}
