package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlParser.IdentifierContext;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalQualifier;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The fields of {@code EXTRACT(field FROM value)}, with Spark's and PostgreSQL's spellings. */
final class TimeUnits {
    private static final Map<String, TimeUnit> FIELDS = Map.ofEntries(
            Map.entry("YEAR", TimeUnit.YEAR), Map.entry("YEARS", TimeUnit.YEAR),
            Map.entry("ISOYEAR", TimeUnit.ISOYEAR),
            Map.entry("QUARTER", TimeUnit.QUARTER), Map.entry("QUARTERS", TimeUnit.QUARTER),
            Map.entry("MONTH", TimeUnit.MONTH), Map.entry("MONTHS", TimeUnit.MONTH),
            Map.entry("WEEK", TimeUnit.WEEK), Map.entry("WEEKS", TimeUnit.WEEK),
            Map.entry("DAY", TimeUnit.DAY), Map.entry("DAYS", TimeUnit.DAY), Map.entry("DAYOFMONTH", TimeUnit.DAY),
            Map.entry("DOW", TimeUnit.DOW), Map.entry("DAYOFWEEK", TimeUnit.DOW),
            Map.entry("ISODOW", TimeUnit.ISODOW), Map.entry("DAYOFWEEK_ISO", TimeUnit.ISODOW),
            Map.entry("DOY", TimeUnit.DOY), Map.entry("DAYOFYEAR", TimeUnit.DOY),
            Map.entry("HOUR", TimeUnit.HOUR), Map.entry("HOURS", TimeUnit.HOUR),
            Map.entry("MINUTE", TimeUnit.MINUTE), Map.entry("MINUTES", TimeUnit.MINUTE),
            Map.entry("SECOND", TimeUnit.SECOND), Map.entry("SECONDS", TimeUnit.SECOND),
            Map.entry("MILLISECOND", TimeUnit.MILLISECOND), Map.entry("MILLISECONDS", TimeUnit.MILLISECOND),
            Map.entry("MICROSECOND", TimeUnit.MICROSECOND), Map.entry("MICROSECONDS", TimeUnit.MICROSECOND),
            Map.entry("NANOSECOND", TimeUnit.NANOSECOND), Map.entry("NANOSECONDS", TimeUnit.NANOSECOND),
            Map.entry("EPOCH", TimeUnit.EPOCH), Map.entry("DECADE", TimeUnit.DECADE),
            Map.entry("CENTURY", TimeUnit.CENTURY), Map.entry("MILLENNIUM", TimeUnit.MILLENNIUM));

    /** Words worth offering to the shell's completion. */
    static final Set<String> WORDS = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND",
            "YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS", "DOW", "DOY", "EPOCH");

    private TimeUnits() {
    }

    static SqlIntervalQualifier extractField(IdentifierContext field, Source source) {
        TimeUnit unit = FIELDS.get(field.getText().toUpperCase(Locale.ROOT));
        if (unit == null || Identifiers.isQuoted(field.getStart())) {
            throw source.error("unknown EXTRACT field '" + field.getText() + "': expected YEAR, QUARTER, MONTH, "
                    + "WEEK, DAY, DAYOFWEEK, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND or EPOCH",
                    field);
        }
        return new SqlIntervalQualifier(unit, null, source.pos(field));
    }
}
