package dev.ember.common.config;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.Suggestions;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one typed registry of {@code ember.*} settings, and a session's values for them.
 * Every setting is declared here with its default and a one-line doc; {@code SET key = value},
 * the session builder and shell flags all go through {@link #set}, which rejects unknown keys
 * and unreadable values before anything changes.
 */
public final class EmberConf {
    private static final Map<String, ConfigEntry<?>> REGISTRY = new LinkedHashMap<>();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    public static final ConfigEntry<Integer> EXECUTOR_INSTANCES = register("ember.executor.instances",
            () -> CORES, "Number of local executors, each with its own block store (default: available cores).",
            positiveInt("ember.executor.instances"));
    public static final ConfigEntry<Integer> EXECUTOR_CORES = register("ember.executor.cores",
            () -> 1, "Task slots per executor.", positiveInt("ember.executor.cores"));
    public static final ConfigEntry<Integer> SHUFFLE_PARTITIONS = register("ember.sql.shuffle.partitions",
            () -> 2 * CORES, "Partitions of a hash exchange (shuffle) for joins and aggregations (default: 2 x cores).",
            positiveInt("ember.sql.shuffle.partitions"));
    public static final ConfigEntry<Long> BROADCAST_THRESHOLD = register("ember.sql.autoBroadcastJoinThreshold",
            () -> 10L << 20, "Largest estimated build side, in bytes, that a join broadcasts; -1 disables broadcast joins.",
            ByteSize::parse);
    public static final ConfigEntry<Long> MEMORY_LIMIT = register("ember.memory.limit",
            () -> Math.max(256L << 20, Runtime.getRuntime().maxMemory() / 4 * 3),
            "Execution and cache memory a session may use, in bytes (default: 3/4 of the JVM's max heap size).",
            ByteSize::parse);
    public static final ConfigEntry<String> SPILL_DIR = register("ember.spill.dir",
            () -> System.getProperty("java.io.tmpdir"),
            "Directory under which operators and shuffles spill Arrow IPC files when memory is short.",
            Function.identity());
    public static final ConfigEntry<Integer> BATCH_SIZE = register("ember.batch.size",
            () -> 4096, "Rows per columnar batch produced by scans and operators.", positiveInt("ember.batch.size"));
    public static final ConfigEntry<Boolean> EXCHANGE_REUSE = register("ember.sql.exchange.reuse",
            () -> true, "An exchange equal to one already in the query reads its map outputs instead of computing "
                    + "them again (Spark's ReusedExchange).", bool("ember.sql.exchange.reuse"));
    public static final ConfigEntry<Integer> TASK_MAX_FAILURES = register("ember.task.maxFailures",
            () -> 4, "Attempts of one task before its job fails.", positiveInt("ember.task.maxFailures"));
    public static final ConfigEntry<String> DEFAULT_SCHEMA = register("ember.sql.defaultSchema",
            () -> "default", "Schema that resolves unqualified table names (USE changes it).", Function.identity());

    private final Map<String, String> values = new ConcurrentHashMap<>();

    public EmberConf() {
    }

    private EmberConf(Map<String, String> values) {
        this.values.putAll(values);
    }

    private static <T> ConfigEntry<T> register(String key, java.util.function.Supplier<T> def, String doc,
                                               Function<String, T> parser) {
        ConfigEntry<T> entry = new ConfigEntry<>(key, def, doc, parser);
        REGISTRY.put(key, entry);
        return entry;
    }

    /** Declares a setting from a higher module (fault injection, speculation...). Idempotent per key. */
    public static synchronized <T> ConfigEntry<T> define(String key, java.util.function.Supplier<T> def, String doc,
                                                         Function<String, T> parser) {
        @SuppressWarnings("unchecked")
        ConfigEntry<T> existing = (ConfigEntry<T>) REGISTRY.get(key);
        return existing != null ? existing : register(key, def, doc, parser);
    }

    public static Function<String, Integer> positiveInt(String key) {
        return s -> {
            int v = Integer.parseInt(s);
            if (v <= 0) {
                throw new IllegalArgumentException(key + " must be positive, got " + v);
            }
            return v;
        };
    }

    public static Function<String, Integer> nonNegativeInt(String key) {
        return s -> {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new IllegalArgumentException(key + " must not be negative, got " + v);
            }
            return v;
        };
    }

    public static Function<String, Boolean> bool(String key) {
        return s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " takes true or false, got '" + s + "'");
        };
    }

    public static Collection<ConfigEntry<?>> entries() {
        return Collections.unmodifiableCollection(REGISTRY.values());
    }

    public static ConfigEntry<?> entry(String key) {
        ConfigEntry<?> e = REGISTRY.get(key);
        if (e == null) {
            String hint = Suggestions.didYouMean(key, REGISTRY.keySet());
            throw new AnalysisException(ErrorClass.INVALID_CONFIG,
                    "unknown setting '" + key + "'" + (hint.isEmpty() ? "" : "; " + hint) + " (SET -v lists them all)");
        }
        return e;
    }

    public <T> T get(ConfigEntry<T> entry) {
        String v = values.get(entry.key());
        return v == null ? entry.defaultValue().get() : entry.parse(v);
    }

    /** Sets a value after checking the key exists and the value reads; nothing changes on error. */
    public void set(String key, String value) {
        ConfigEntry<?> e = entry(key);
        try {
            e.parse(value);
        } catch (RuntimeException ex) {
            throw new AnalysisException(ErrorClass.INVALID_CONFIG,
                    "bad value '" + value + "' for " + key + ": " + ex.getMessage());
        }
        values.put(key, value.trim());
    }

    public <T> EmberConf set(ConfigEntry<T> entry, T value) {
        values.put(entry.key(), String.valueOf(value));
        return this;
    }

    public void unset(String key) {
        entry(key);
        values.remove(key);
    }

    public void clear() {
        values.clear();
    }

    /** The text value of a key, explicit or default. */
    public String getText(String key) {
        ConfigEntry<?> e = entry(key);
        String v = values.get(key);
        return v != null ? v : e.defaultText();
    }

    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The explicitly set values, in key order. */
    public Map<String, String> explicitValues() {
        return new java.util.TreeMap<>(values);
    }

    public EmberConf copy() {
        return new EmberConf(values);
    }
}
