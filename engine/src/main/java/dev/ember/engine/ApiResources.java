package dev.ember.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Things the API hands out that hold session memory beyond one call (a DataFrame turned into an
 * Rdd keeps its compiled job: broadcast data and shuffles). Each is closed when it becomes
 * garbage, or at the latest when the session closes, before the session's memory is.
 */
final class ApiResources implements AutoCloseable {
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create(r -> {
        Thread t = new Thread(r, "ember-api-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    /** Closes {@code resource} once {@code owner} is unreachable, or when the session closes. */
    void register(Object owner, AutoCloseable resource) {
        open.add(resource);
        CLEANER.register(owner, () -> {
            if (open.remove(resource)) {
                closeQuietly(resource);
            }
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Best effort: the resource's owner is gone.
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            if (open.remove(c)) {
                closeQuietly(c);
            }
        }
    }
}
