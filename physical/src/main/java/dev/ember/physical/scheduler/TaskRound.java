package dev.ember.physical.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One round of a stage's tasks (first launch, or a retry round): every attempt launched, and
 * for each partition a commit gate so that when speculation runs two copies of a task, exactly
 * one result is kept (the first to finish) and the other is discarded.
 */
final class TaskRound {
    /** One running attempt of a task; the scheduler may kill it when another copy wins. */
    static final class Attempt {
        final int partition;
        final Executor executor;
        final boolean speculative;
        volatile long startNanos;
        volatile TaskContext ctx;
        volatile boolean killRequested;
        java.util.concurrent.CompletableFuture<Void> future;

        Attempt(int partition, Executor executor, boolean speculative) {
            this.partition = partition;
            this.executor = executor;
            this.speculative = speculative;
        }

        void kill() {
            killRequested = true;
            TaskContext c = ctx;
            if (c != null) {
                c.kill();
            }
        }
    }

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicBoolean> gates = new ConcurrentHashMap<>();
    final Set<Integer> succeeded = ConcurrentHashMap.newKeySet();
    final Map<Integer, Long> durations = new ConcurrentHashMap<>();

    /** True for the first finished attempt of {@code partition}: it may publish its result. */
    boolean commit(int partition, long nanos) {
        if (gates.computeIfAbsent(partition, k -> new AtomicBoolean()).compareAndSet(false, true)) {
            succeeded.add(partition);
            durations.put(partition, nanos);
            return true;
        }
        return false;
    }
}
