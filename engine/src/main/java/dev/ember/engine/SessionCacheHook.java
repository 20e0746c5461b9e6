package dev.ember.engine;

import dev.ember.physical.rdd.Rdd;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caching for the DataFrame and Rdd APIs, on the session's {@link CacheManager} and block
 * managers. {@code df.persist()} caches the DataFrame's query (lazily, as Spark does: the first
 * action fills it) as the relation {@code cached.df_N} and points the DataFrame itself at it, so
 * {@code df.cache(); df.count(); df.filter(...)} reads the cache from the second action on;
 * {@code unpersist()} drops the relation and restores the original plan.
 */
final class SessionCacheHook implements CacheHook {
    private record Entry(String name, Plan original) {
    }

    private final EmberSession session;
    private final Map<DataFrame, Entry> cached = new IdentityHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    SessionCacheHook(EmberSession session) {
        this.session = session;
    }

    private static dev.ember.physical.rdd.StorageLevel physical(StorageLevel level) {
        return dev.ember.physical.rdd.StorageLevel.valueOf(level.name());
    }

    @Override
    public synchronized DataFrame persist(DataFrame df, StorageLevel level) {
        if (level == StorageLevel.NONE) {
            return unpersist(df, false);
        }
        if (df.isLocal() || cached.containsKey(df)) {
            return df;
        }
        String name = "df_" + next.getAndIncrement();
        Plan original = df.plan();
        session.cacheManager().cache(name, df.queryExecution(), physical(level), true);
        DataFrame scan = session.sql("select * from " + CacheManager.SCHEMA + "." + name);
        df.usePlan(Plan.of(scan.plan().rel(), original.output()));
        cached.put(df, new Entry(name, original));
        return df;
    }

    @Override
    public synchronized DataFrame unpersist(DataFrame df, boolean blocking) {
        Entry e = cached.remove(df);
        if (e != null) {
            df.usePlan(e.original());
            session.cacheManager().uncache(e.name(), true);
        }
        return df;
    }

    @Override
    public DataFrame checkpoint(DataFrame df, boolean eager) {
        // Always eager: the files are written now and the returned DataFrame reads them.
        return new DataFrame(session, session.cacheManager().checkpoint(df.queryExecution()));
    }

    @Override
    public <T> Rdd<T> persist(Rdd<T> rdd, StorageLevel level) {
        return level == StorageLevel.NONE ? rdd.unpersist() : rdd.persist(physical(level));
    }

    @Override
    public <T> Rdd<T> unpersist(Rdd<T> rdd, boolean blocking) {
        return rdd.unpersist();
    }

    @Override
    public <T> Rdd<T> checkpoint(Rdd<T> rdd) {
        return rdd.checkpoint();
    }

    @Override
    public StorageLevel storageLevel(Rdd<?> rdd) {
        return StorageLevel.valueOf(rdd.storageLevel().name());
    }

    @Override
    public boolean isCheckpointed(Rdd<?> rdd) {
        return rdd.isCheckpointed();
    }
}
