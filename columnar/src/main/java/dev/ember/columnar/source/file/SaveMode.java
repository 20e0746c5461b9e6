package dev.ember.columnar.source.file;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;

import java.util.Locale;

/** What a write does when its target folder already holds data, as in Spark's {@code SaveMode}. */
public enum SaveMode {
    /** Fail (the default). */
    ERROR_IF_EXISTS,
    /** Add new files beside the existing ones. */
    APPEND,
    /** Replace the existing data files once the new ones are written. */
    OVERWRITE,
    /** Write nothing and succeed. */
    IGNORE;

    public static SaveMode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace("_", "")) {
            case "error", "errorifexists", "default" -> ERROR_IF_EXISTS;
            case "append" -> APPEND;
            case "overwrite" -> OVERWRITE;
            case "ignore" -> IGNORE;
            default -> throw new AnalysisException(ErrorClass.ANALYSIS_ERROR,
                    "unknown save mode '" + s + "' (error, append, overwrite, ignore)");
        };
    }
}
