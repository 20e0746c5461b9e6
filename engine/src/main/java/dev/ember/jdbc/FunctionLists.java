package dev.ember.jdbc;

import dev.ember.plan.Functions;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The JDBC function lists of DatabaseMetaData: the Open Group names of each kind that Ember has. */
final class FunctionLists {
    private FunctionLists() {
    }

    private static String have(List<String> names) {
        Set<String> known = Functions.names();
        return names.stream().filter(n -> known.contains(n.toLowerCase(Locale.ROOT))).collect(Collectors.joining(","));
    }

    static String numeric() {
        return have(List.of("ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR",
                "LOG", "LOG10", "MOD", "PI", "POWER", "RADIANS", "RAND", "ROUND", "SIGN", "SIN", "SQRT", "TAN", "TRUNCATE"));
    }

    static String string() {
        return have(List.of("ASCII", "CHAR", "CONCAT", "DIFFERENCE", "INSERT", "LCASE", "LEFT", "LENGTH", "LOCATE", "LTRIM",
                "REPEAT", "REPLACE", "RIGHT", "RTRIM", "SOUNDEX", "SPACE", "SUBSTRING", "UCASE", "LOWER", "UPPER", "TRIM"));
    }

    static String dateTime() {
        return have(List.of("CURDATE", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DAYNAME", "DAYOFMONTH", "DAYOFWEEK",
                "DAYOFYEAR", "EXTRACT", "HOUR", "MINUTE", "MONTH", "MONTHNAME", "NOW", "QUARTER", "SECOND", "WEEK", "YEAR"));
    }

    static String system() {
        return have(List.of("COALESCE", "IFNULL", "NULLIF", "NVL", "USER"));
    }
}
