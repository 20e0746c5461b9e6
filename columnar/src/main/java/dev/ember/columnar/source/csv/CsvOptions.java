package dev.ember.columnar.source.csv;

import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of the CSV format, with Spark's names and (mostly) its defaults. {@code tbl} is the
 * same format with {@code delimiter '|'} and a delimiter after the last field, as TPC-H's dbgen
 * writes it. See docs/data-sources.md for each option.
 */
record CsvOptions(char delimiter, char quote, char escape, char comment, boolean header, boolean inferSchema,
                  int samplingRows, boolean prefersDecimal, String nullValue, DateTimeFormatter dateFormat,
                  DateTimeFormatter timestampFormat, Mode mode, boolean multiLine, boolean trailingDelimiter,
                  boolean gzipOutput, boolean quoteAll) {

    /** What a reader does with a record that does not parse. */
    enum Mode { PERMISSIVE, DROPMALFORMED, FAILFAST }

    static final Set<String> READ = Set.of("delimiter", "sep", "quote", "escape", "comment", "header", "inferSchema",
            "samplingRows", "prefersDecimal", "nullValue", "dateFormat", "timestampFormat", "mode", "multiLine",
            "encoding", "charset", "trailingDelimiter");
    static final Set<String> WRITE = Set.of("delimiter", "sep", "quote", "escape", "header", "nullValue", "dateFormat",
            "timestampFormat", "trailingDelimiter", "quoteAll", "encoding", "charset");

    static CsvOptions parse(SourceOptions o, boolean tbl) {
        char delimiter = o.has("sep") ? o.character("sep", ',') : o.character("delimiter", tbl ? '|' : ',');
        String enc = o.get("encoding", o.get("charset", "UTF-8"));
        if (!enc.equalsIgnoreCase("UTF-8") && !enc.equalsIgnoreCase("UTF8") && !enc.equalsIgnoreCase("US-ASCII")) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "CSV files are read and written as UTF-8, not " + enc);
        }
        String compression = o.get("compression", "none").toLowerCase(Locale.ROOT);
        if (!List.of("none", "uncompressed", "gzip").contains(compression)) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "CSV compression is none or gzip, not '" + compression + "'");
        }
        char quote = o.character("quote", '"');
        return new CsvOptions(delimiter, quote, o.character("escape", quote), o.character("comment", '\0'),
                o.bool("header", false), o.bool("inferSchema", true), Math.max(1, o.integer("samplingRows", 1000)),
                o.bool("prefersDecimal", false), o.get("nullValue", ""),
                TextValues.formatter(o.get("dateFormat")), TextValues.formatter(o.get("timestampFormat")),
                Mode.valueOf(o.choice("mode", "PERMISSIVE", List.of("PERMISSIVE", "DROPMALFORMED", "FAILFAST"))),
                o.bool("multiLine", false), o.bool("trailingDelimiter", tbl), compression.equals("gzip"),
                o.bool("quoteAll", false));
    }

    byte[] nullBytes() {
        return nullValue.getBytes(StandardCharsets.UTF_8);
    }
}
