package dev.ember.columnar.source.json;

import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Options of JSON lines, with Spark's names; see docs/data-sources.md. */
record JsonOptions(int samplingRows, boolean prefersDecimal, boolean inferDates, Mode mode, DateTimeFormatter dateFormat,
                   DateTimeFormatter timestampFormat, boolean gzipOutput, boolean ignoreNullFields) {

    enum Mode { PERMISSIVE, DROPMALFORMED, FAILFAST }

    static final Set<String> READ = Set.of("samplingRows", "prefersDecimal", "inferDates", "mode", "dateFormat",
            "timestampFormat", "encoding", "multiLine");
    static final Set<String> WRITE = Set.of("dateFormat", "timestampFormat", "ignoreNullFields", "encoding");

    static JsonOptions parse(SourceOptions o) {
        String enc = o.get("encoding", "UTF-8");
        if (!enc.equalsIgnoreCase("UTF-8") && !enc.equalsIgnoreCase("UTF8")) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "JSON files are read and written as UTF-8, not " + enc);
        }
        if (o.bool("multiLine", false)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    "multiLine JSON (one document per file) is not supported yet; Ember reads JSON lines");
        }
        String compression = o.get("compression", "none").toLowerCase(Locale.ROOT);
        if (!List.of("none", "uncompressed", "gzip").contains(compression)) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "JSON compression is none or gzip, not '" + compression + "'");
        }
        return new JsonOptions(Math.max(1, o.integer("samplingRows", 1000)), o.bool("prefersDecimal", false),
                o.bool("inferDates", true),
                Mode.valueOf(o.choice("mode", "PERMISSIVE", List.of("PERMISSIVE", "DROPMALFORMED", "FAILFAST"))),
                TextValues.formatter(o.get("dateFormat")), TextValues.formatter(o.get("timestampFormat")),
                compression.equals("gzip"), o.bool("ignoreNullFields", true));
    }
}
