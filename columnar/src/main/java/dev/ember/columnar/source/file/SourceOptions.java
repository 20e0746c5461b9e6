package dev.ember.columnar.source.file;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.Suggestions;
import dev.ember.common.config.ByteSize;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of a file source or sink ({@code OPTIONS (header 'true', ...)}, {@code .option(k, v)}),
 * with case-insensitive keys, as Spark reads them. Typed getters reject unreadable values with an
 * error naming the option.
 */
public final class SourceOptions {
    private final Map<String, String> values;

    private SourceOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static SourceOptions of(Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        }
        return new SourceOptions(m);
    }

    public static SourceOptions empty() {
        return of(Map.of());
    }

    public SourceOptions with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key.toLowerCase(Locale.ROOT), value);
        return new SourceOptions(m);
    }

    /** These options, with {@code defaults} for the keys they do not set. */
    public SourceOptions withDefaults(Map<String, String> defaults) {
        Map<String, String> m = new LinkedHashMap<>();
        defaults.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        m.putAll(values);
        return new SourceOptions(m);
    }

    public SourceOptions without(String key) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.remove(key.toLowerCase(Locale.ROOT));
        return new SourceOptions(m);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    public String get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    public String get(String key, String def) {
        String v = get(key);
        return v == null ? def : v;
    }

    public boolean bool(String key, boolean def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    public int integer(String key, int def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    public long bytes(String key, long def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            return ByteSize.parse(v);
        } catch (RuntimeException e) {
            throw bad(key, v, "a size such as 64m or 1048576");
        }
    }

    /** A one-character option; {@code \t}, {@code tab}, {@code \\u0001}-style escapes are understood. */
    public char character(String key, char def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        String s = switch (v) {
            case "\\t", "tab" -> "\t";
            case "\\n" -> "\n";
            case "\\\\" -> "\\";
            case "\\0", "" -> "\0";
            default -> v.startsWith("\\u") && v.length() == 6 ? String.valueOf((char) Integer.parseInt(v.substring(2), 16)) : v;
        };
        if (s.length() != 1) {
            throw bad(key, v, "a single character");
        }
        return s.charAt(0);
    }

    /** One of {@code allowed} (case-insensitive), upper-cased. */
    public String choice(String key, String def, Collection<String> allowed) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        String u = v.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(u)) {
            throw bad(key, v, "one of " + String.join(", ", allowed));
        }
        return u;
    }

    /** Rejects keys outside {@code known}, suggesting the closest. */
    public void checkKnown(Set<String> known, String what) {
        Set<String> lower = new TreeSet<>();
        known.forEach(k -> lower.add(k.toLowerCase(Locale.ROOT)));
        for (String k : values.keySet()) {
            if (!lower.contains(k)) {
                String hint = Suggestions.didYouMean(k, known);
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "unknown option '" + k + "' for " + what
                        + (hint.isEmpty() ? "" : "; " + hint) + " (options: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static AnalysisException bad(String key, String value, String expected) {
        return new AnalysisException(ErrorClass.ANALYSIS_ERROR, "option '" + key + "' takes " + expected + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
