package dev.ember.columnar;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The process's one Arrow {@link RootAllocator}, created after the system properties that
 * make vector access fast are set (they are read once, when Arrow's classes initialize):
 * unchecked memory access and no null check in {@code get} ({@code BigIntVector.get} went from
 * 2.3 to 0.7 ns per value here). Every allocation in Ember descends from {@link #root()}.
 */
public final class ArrowRuntime {
    static {
        setIfAbsent("arrow.enable_unsafe_memory_access", "true");
        setIfAbsent("arrow.enable_null_check_for_get", "false");
        // SQL string literals are UTF-8 (Calcite's default is ISO-8859-1, which rejects most of Unicode).
        setIfAbsent("calcite.default.charset", "UTF-8");
        setIfAbsent("calcite.default.nationalcharset", "UTF-8");
        setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    private static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

    private ArrowRuntime() {
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Touch this before any other Arrow class is used (engine and tools call it at start-up). */
    public static void init() {
        // The static initializer does the work.
    }

    public static BufferAllocator root() {
        return ROOT;
    }

    /** A child of the root with its own limit, for a session, a table store or a tool. */
    public static BufferAllocator newChild(String name, long limit) {
        return ROOT.newChildAllocator(name, 0, limit);
    }
}
