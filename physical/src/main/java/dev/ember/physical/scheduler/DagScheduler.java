package dev.ember.physical.scheduler;

import dev.ember.common.CancelledException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.adaptive.AdaptiveStagePlanner;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.NarrowDependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.scheduler.Stage.ResultStage;
import dev.ember.physical.scheduler.Stage.ShuffleMapStage;
import dev.ember.physical.shuffle.MapStatus;
import dev.ember.physical.shuffle.ShuffleWriter;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits an Rdd graph into stages at shuffle dependencies and runs them: parent stages first
 * (independent ones in parallel), then one task per partition on the executors. A failed task
 * is retried on another executor up to {@code ember.task.maxFailures} times; a task that cannot
 * fetch a shuffle output makes the scheduler re-run only the map tasks whose outputs are
 * missing, then the task. Data errors (an {@link EmberException}) fail the job at once: running
 * them again would fail again.
 */
public final class DagScheduler {
    private final LocalCluster cluster;
    private final Map<Integer, ShuffleMapStage> shuffleStages = new ConcurrentHashMap<>();
    private final AtomicInteger nextStageId = new AtomicInteger();
    private final ExecutorService driverThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dag-scheduler");
        t.setDaemon(true);
        return t;
    });

    DagScheduler(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Work a task does with its partition's iterator, returning a value to the driver. */
    @FunctionalInterface
    public interface TaskFunction<T, U> {
        U apply(TaskContext ctx, CloseableIterator<T> data);
    }

    /** Receives each partition's result, on the executor thread that produced it. */
    @FunctionalInterface
    public interface ResultHandler<U> {
        void handle(int partition, U result);
    }

    /**
     * Runs {@code fn} over every partition of {@code rdd}; how many is known only once the parent
     * stages have run (adaptive shuffle reads), so the list is made then.
     */
    public <T, U> void runJob(JobContext job, Rdd<T> rdd, TaskFunction<T, U> fn, ResultHandler<U> handler) {
        runJob(job, rdd, null, fn, handler);
    }

    /**
     * Runs the stages {@code rdd} needs (those not already done) and fixes the partitions of its
     * adaptive shuffle reads, so that {@code rdd.numPartitions()} is the adaptive count. For
     * callers that size their result before running the job; the job then finds the stages done.
     */
    public void prepare(JobContext job, Rdd<?> rdd) {
        // Faults meant for "before the job" go before its first stage, which now runs here.
        dropCachedPartitions(job, rdd);
        job.markPrepared(rdd);
        ResultStage stage = new ResultStage(nextStageId.getAndIncrement(), rdd, null, parentStages(rdd));
        runParents(job, stage, new ConcurrentHashMap<>());
        String note = AdaptiveStagePlanner.prepare(rdd, job.conf(), cluster);
        if (!note.isEmpty()) {
            job.addAdaptiveNote(rdd, note);
        }
    }

    /** Runs {@code fn} over the given partitions of {@code rdd} (all when null). */
    public <T, U> void runJob(JobContext job, Rdd<T> rdd, int[] partitions, TaskFunction<T, U> fn,
                              ResultHandler<U> handler) {
        runStages(job, rdd, partitions, fn, handler);
        Checkpointer.writeMarked(this, job, rdd);
    }

    /** Runs the job's stages, nothing after (the checkpoint writer's own jobs come here). */
    <T, U> void runStages(JobContext job, Rdd<T> rdd, int[] partitions, TaskFunction<T, U> fn,
                          ResultHandler<U> handler) {
        if (!job.takePrepared(rdd)) {
            dropCachedPartitions(job, rdd);
        }
        ResultStage stage = new ResultStage(nextStageId.getAndIncrement(), rdd, partitions, parentStages(rdd));
        Map<Stage, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
        runStage(job, stage, running, fn, handler);
    }

    LocalCluster cluster() {
        return cluster;
    }

    /** {@code ember.fault.dropCachedPartition}: drops that partition of every persisted Rdd the job reads. */
    private void dropCachedPartitions(JobContext job, Rdd<?> rdd) {
        int p = job.faults().dropPartition();
        if (p < 0) {
            return;
        }
        for (Rdd<?> r : Lineage.rdds(rdd)) {
            if (r.storageLevel() != dev.ember.physical.rdd.StorageLevel.NONE && cluster.blockManagerMaster().isStored(r.id(), p)
                    && cluster.blockManagerMaster().dropBlock(new dev.ember.physical.storage.RddBlockId(r.id(), p))) {
                job.faults().droppedPartitions.incrementAndGet();
            }
        }
    }

    void forgetShuffle(int shuffleId) {
        shuffleStages.remove(shuffleId);
    }

    // ---------------------------------------------------------------- stage graph

    private List<ShuffleMapStage> parentStages(Rdd<?> rdd) {
        List<ShuffleMapStage> parents = new ArrayList<>();
        Set<Integer> seenShuffles = new HashSet<>();
        Map<Rdd<?>, Boolean> visited = new IdentityHashMap<>();
        Deque<Rdd<?>> stack = new ArrayDeque<>();
        stack.push(rdd);
        while (!stack.isEmpty()) {
            Rdd<?> r = stack.pop();
            if (visited.put(r, Boolean.TRUE) != null) {
                continue;
            }
            if (r != rdd && fullyCached(r)) {
                // As Spark's getMissingParentStages: every partition is in a block manager, so the
                // stages that computed it need not run (a partition lost later is recomputed then).
                continue;
            }
            for (Dependency<?> d : r.lineageDependencies()) {
                switch (d) {
                    case ShuffleDependency<?> s -> {
                        if (seenShuffles.add(s.shuffleId())) {
                            parents.add(shuffleStage(s));
                        }
                    }
                    case NarrowDependency<?> n -> stack.push(n.rdd());
                }
            }
        }
        return parents;
    }

    private boolean fullyCached(Rdd<?> r) {
        if (r.storageLevel() == dev.ember.physical.rdd.StorageLevel.NONE) {
            return false;
        }
        // Partition 0 first: a persisted Rdd never computed may sit over an adaptive read whose
        // partition count is not decided yet, and asking for the count would fix it too early.
        if (!cluster.blockManagerMaster().isStored(r.id(), 0)) {
            return false;
        }
        for (int p = 1; p < r.numPartitions(); p++) {
            if (!cluster.blockManagerMaster().isStored(r.id(), p)) {
                return false;
            }
        }
        return true;
    }

    /** The executors where a partition's input already is: a cached block, else what the Rdd prefers. */
    private List<Integer> preferredLocations(Rdd<?> rdd, int partition) {
        Rdd<?> r = rdd;
        int p = partition;
        // Follow one-to-one chains only: a cached block further up a narrow chain is what the task reads.
        for (int depth = 0; depth < 1000; depth++) {
            if (r.storageLevel() != dev.ember.physical.rdd.StorageLevel.NONE) {
                List<Integer> locs = cluster.blockManagerMaster().locations(r.id(), p);
                if (!locs.isEmpty()) {
                    return locs;
                }
            }
            List<Integer> own = r.preferredExecutors(p);
            if (!own.isEmpty()) {
                return own;
            }
            List<Dependency<?>> deps = r.lineageDependencies();
            if (deps.size() != 1 || !(deps.get(0) instanceof NarrowDependency<?> n)) {
                return List.of();
            }
            int[] parents = n.parents(p);
            if (parents.length != 1) {
                return List.of();
            }
            r = n.rdd();
            p = parents[0];
        }
        return List.of();
    }

    /** The shuffle with this id in the lineage of {@code rdd} (cached Rdds included), or null. */
    private static ShuffleDependency<?> findShuffle(Rdd<?> rdd, int shuffleId) {
        for (Rdd<?> r : Lineage.rdds(rdd)) {
            for (Dependency<?> d : r.lineageDependencies()) {
                if (d instanceof ShuffleDependency<?> s && s.shuffleId() == shuffleId) {
                    return s;
                }
            }
        }
        return null;
    }

    private ShuffleMapStage shuffleStage(ShuffleDependency<?> dep) {
        ShuffleMapStage existing = shuffleStages.get(dep.shuffleId());
        if (existing != null) {
            return existing;
        }
        List<ShuffleMapStage> parents = parentStages(dep.rdd());
        // The map outputs are registered when the stage runs: its map count may depend on
        // adaptive reads inside it, decided only once its own parents have run.
        ShuffleMapStage stage = new ShuffleMapStage(nextStageId.getAndIncrement(), dep, parents);
        ShuffleMapStage raced = shuffleStages.putIfAbsent(dep.shuffleId(), stage);
        return raced != null ? raced : stage;
    }

    private boolean isAvailable(ShuffleMapStage s) {
        return cluster.mapOutputs().isComplete(s.dependency().shuffleId());
    }

    /** The map tasks of the stage still to run (all, the first time). */
    private int[] missingMaps(ShuffleMapStage s) {
        return cluster.mapOutputs().missing(s.dependency().shuffleId(), s.dependency().rdd().numPartitions());
    }

    // ---------------------------------------------------------------- running

    private <T, U> void runStage(JobContext job, Stage stage, Map<Stage, CompletableFuture<Void>> running,
                                 TaskFunction<T, U> fn, ResultHandler<U> handler) {
        runParents(job, stage, running);
        String adaptive = AdaptiveStagePlanner.prepare(stage.rdd(), job.conf(), cluster);
        int[] partitions = switch (stage) {
            case ShuffleMapStage s -> missingMaps(s);
            case ResultStage r -> r.partitions() != null ? r.partitions()
                    : java.util.stream.IntStream.range(0, r.rdd().numPartitions()).toArray();
        };
        String name = stageName(stage);
        StageInfo info = new StageInfo(stage.id(), name, partitions.length);
        info.adaptive = adaptive.isEmpty() ? job.takeAdaptiveNote(stage.rdd()) : adaptive;
        job.addStage(info);
        if (partitions.length == 0) {
            info.skipped = true;
            return;
        }
        long start = System.nanoTime();
        job.faults().stageStarting(job, cluster);
        job.progress().stageSubmitted(stage.id(), name, partitions.length);
        runTasks(job, stage, partitions, info, running, fn, handler, false);
        info.wallNanos = System.nanoTime() - start;
        job.progress().stageCompleted(stage.id());
    }

    private void runParents(JobContext job, Stage stage, Map<Stage, CompletableFuture<Void>> running) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (ShuffleMapStage p : stage.parents()) {
            if (isAvailable(p)) {
                continue;
            }
            futures.add(running.computeIfAbsent(p, k -> CompletableFuture.runAsync(
                    () -> runStage(job, k, running, null, null), driverThreads)));
        }
        for (CompletableFuture<Void> f : futures) {
            join(f);
        }
    }

    private static void join(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new ExecutionException(ErrorClass.INTERNAL_ERROR, String.valueOf(c), c);
        }
    }

    private <T, U> void runTasks(JobContext job, Stage stage, int[] partitions, StageInfo info,
                                 Map<Stage, CompletableFuture<Void>> running, TaskFunction<T, U> fn,
                                 ResultHandler<U> handler, boolean recompute) {
        int maxFailures = job.conf().get(EmberConf.TASK_MAX_FAILURES);
        Map<Integer, Integer> failures = new HashMap<>();
        Map<Integer, Set<Integer>> badExecutors = new HashMap<>();
        Map<Integer, Integer> fetchFailures = new HashMap<>();
        Map<Integer, Integer> ranOn = new ConcurrentHashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int p : partitions) {
            pending.add(p);
        }
        boolean firstRound = true;
        while (!pending.isEmpty()) {
            if (job.isCancelled()) {
                throw new CancelledException("query cancelled");
            }
            Map<Integer, Throwable> errors = new ConcurrentHashMap<>();
            TaskRound round = new TaskRound();
            for (int p : pending) {
                int attempt = failures.getOrDefault(p, 0);
                Executor executor = cluster.pick(preferredLocations(stage.rdd(), p),
                        badExecutors.getOrDefault(p, Set.of()));
                ranOn.put(p, executor.id());
                info.tasksLaunched.incrementAndGet();
                if (recompute) {
                    info.tasksRecomputed.incrementAndGet();
                }
                if (!firstRound) {
                    info.tasksRetried.incrementAndGet();
                }
                launch(job, stage, p, attempt, executor, false, round, info, fn, handler, errors);
            }
            awaitRound(job, stage, pending.size(), round, info, failures, fn, handler, errors);
            // A partition one copy finished is done, whatever happened to its other copy.
            errors.keySet().removeAll(round.succeeded);
            firstRound = false;
            List<Integer> retry = new ArrayList<>();
            Set<Integer> lostShuffles = new HashSet<>();
            for (Map.Entry<Integer, Throwable> e : errors.entrySet()) {
                int p = e.getKey();
                Throwable t = e.getValue();
                if (t instanceof FetchFailedException ff) {
                    cluster.mapOutputs().unregister(ff.shuffleId(), ff.mapId());
                    lostShuffles.add(ff.shuffleId());
                    // Each fetch failure makes the lost outputs be recomputed; a task that keeps
                    // failing to fetch means recovery itself is broken, so do not loop forever.
                    if (fetchFailures.merge(p, 1, Integer::sum) > 4 * maxFailures) {
                        throw new ExecutionException(ErrorClass.TASK_FAILED, "task " + p + " of stage " + stage.id()
                                + " could not fetch its shuffle input after " + (4 * maxFailures) + " recoveries: "
                                + ff.getMessage(), ff);
                    }
                    retry.add(p);
                } else if (t instanceof CancelledException c) {
                    throw c;
                } else if (t instanceof EmberException ee) {
                    throw ee;
                } else {
                    info.tasksFailed.incrementAndGet();
                    // Retry elsewhere, as Spark does: the executor may be what is broken.
                    Integer where = ranOn.get(p);
                    if (where != null) {
                        badExecutors.computeIfAbsent(p, k -> new HashSet<>()).add(where);
                    }
                    int n = failures.merge(p, 1, Integer::sum);
                    if (n >= maxFailures) {
                        if (isOutOfMemory(t)) {
                            throw new dev.ember.common.ResourceException(ErrorClass.MEMORY_LIMIT_EXCEEDED,
                                    "the query needs more memory than ember.memory.limit allows (task " + p + " of stage "
                                            + stage.id() + " failed " + n + " times): " + t.getMessage(), t);
                        }
                        throw new ExecutionException(ErrorClass.TASK_FAILED, "task " + p + " of stage " + stage.id()
                                + " failed " + n + " times; last error: " + t, t);
                    }
                    retry.add(p);
                }
            }
            for (int shuffleId : lostShuffles) {
                ShuffleMapStage parent = shuffleStages.get(shuffleId);
                if (parent == null) {
                    // The stage was skipped because a cached Rdd above it was complete; one of
                    // its partitions has since been lost, and recomputing it needs this shuffle.
                    ShuffleDependency<?> dep = findShuffle(stage.rdd(), shuffleId);
                    if (dep != null) {
                        parent = shuffleStage(dep);
                    }
                }
                if (parent != null) {
                    // Re-run only the lost map outputs of that stage (and what they need in turn).
                    rerunMissing(job, parent, running);
                }
            }
            retry.sort(Integer::compare);
            pending = retry;
        }
    }

    private <T, U> void launch(JobContext job, Stage stage, int p, int attempt, Executor executor, boolean speculative,
                               TaskRound round, StageInfo info, TaskFunction<T, U> fn, ResultHandler<U> handler,
                               Map<Integer, Throwable> errors) {
        TaskRound.Attempt a = new TaskRound.Attempt(p, executor, speculative);
        a.future = submit(job, stage, p, attempt, executor, info, fn, handler, round, a)
                .exceptionally(t -> {
                    errors.put(p, unwrap(t));
                    return null;
                });
        round.attempts.add(a);
    }

    /**
     * Waits for every attempt of the round. With {@code ember.speculation}, once the quantile of
     * tasks has finished, a task running longer than multiplier x their median duration gets one
     * copy on another executor; when either copy finishes, the other is killed (it stops at its
     * next cancellation check and its output is discarded by the commit gate).
     */
    private <T, U> void awaitRound(JobContext job, Stage stage, int tasks, TaskRound round, StageInfo info,
                                   Map<Integer, Integer> failures, TaskFunction<T, U> fn, ResultHandler<U> handler,
                                   Map<Integer, Throwable> errors) {
        EmberConf conf = job.conf();
        boolean speculation = conf.get(ResilienceSettings.SPECULATION) && cluster.executors().size() > 1;
        if (!speculation) {
            for (TaskRound.Attempt a : round.attempts) {
                a.future.join();
            }
            return;
        }
        double multiplier = conf.get(ResilienceSettings.SPECULATION_MULTIPLIER);
        int quantileCount = (int) Math.max(1, Math.ceil(conf.get(ResilienceSettings.SPECULATION_QUANTILE) * tasks));
        long minNanos = conf.get(ResilienceSettings.SPECULATION_MIN_RUNTIME) * 1_000_000;
        Set<Integer> speculated = new HashSet<>();
        while (true) {
            boolean allDone = true;
            for (TaskRound.Attempt a : round.attempts) {
                if (!a.future.isDone()) {
                    allDone = false;
                    if (round.succeeded.contains(a.partition)) {
                        a.kill();
                    }
                }
            }
            if (allDone) {
                return;
            }
            if (round.succeeded.size() >= quantileCount && round.succeeded.size() < tasks) {
                long[] d = round.durations.values().stream().mapToLong(Long::longValue).sorted().toArray();
                long threshold = Math.max(minNanos, (long) (multiplier * d[d.length / 2]));
                long now = System.nanoTime();
                for (TaskRound.Attempt a : round.attempts) {
                    int p = a.partition;
                    if (a.speculative || a.startNanos == 0 || a.future.isDone() || round.succeeded.contains(p)
                            || speculated.contains(p) || now - a.startNanos <= threshold) {
                        continue;
                    }
                    Executor other = cluster.pick(List.of(), Set.of(a.executor.id()));
                    if (other.id() == a.executor.id()) {
                        continue;
                    }
                    speculated.add(p);
                    info.tasksLaunched.incrementAndGet();
                    info.tasksSpeculated.incrementAndGet();
                    launch(job, stage, p, failures.getOrDefault(p, 0), other, true, round, info, fn, handler, errors);
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("query cancelled");
            }
        }
    }

    /** Frees a result no one will read (the losing copy of a speculated task). */
    private static void discard(Object result) {
        if (result instanceof AutoCloseable c) {
            closeResult(c);
        } else if (result instanceof Iterable<?> items) {
            for (Object o : items) {
                if (o instanceof AutoCloseable c) {
                    closeResult(c);
                }
            }
        }
    }

    private static void closeResult(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Nothing reads it; freeing is best effort.
        }
    }

    private void rerunMissing(JobContext job, ShuffleMapStage stage, Map<Stage, CompletableFuture<Void>> running) {
        // One recovery of a stage at a time: two stages reading one shuffle (a reused exchange)
        // can both lose it at once; the second waits and then finds nothing missing, instead of
        // re-running the same map tasks again.
        synchronized (stage) {
            runParents(job, stage, new ConcurrentHashMap<>());
            int[] missing = missingMaps(stage);
            if (missing.length == 0) {
                return;
            }
            StageInfo info = new StageInfo(stage.id(), stageName(stage) + " (recompute)", missing.length);
            job.addStage(info);
            long start = System.nanoTime();
            runTasks(job, stage, missing, info, running, null, null, true);
            info.wallNanos = System.nanoTime() - start;
        }
    }

    private static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.apache.arrow.memory.OutOfMemoryException || c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T, U> CompletableFuture<Void> submit(JobContext job, Stage stage, int partition, int attempt,
                                                 Executor executor, StageInfo info, TaskFunction<T, U> fn,
                                                 ResultHandler<U> handler, TaskRound round, TaskRound.Attempt handle) {
        executor.queued().incrementAndGet();
        return CompletableFuture.runAsync(() -> {
            executor.queued().decrementAndGet();
            job.checkNotCancelled();
            if (handle.killRequested) {
                throw new CancelledException("task attempt killed before it started");
            }
            BufferAllocator taskAllocator = job.allocator().newChildAllocator(
                    "task-" + stage.id() + "." + partition + "." + attempt + (handle.speculative ? "s" : ""), 0, Long.MAX_VALUE);
            TaskContext ctx = new TaskContext(job, stage.id(), partition, attempt, executor, taskAllocator);
            handle.ctx = ctx;
            if (handle.killRequested) {
                ctx.kill();
            }
            long start = System.nanoTime();
            handle.startNanos = start;
            Throwable failure = null;
            boolean committed;
            try {
                job.faults().beforeTask(stage.id(), partition, attempt, job.conf().get(EmberConf.TASK_MAX_FAILURES));
                job.faults().maybeSlow(ctx, handle.speculative);
                committed = switch (stage) {
                    case ShuffleMapStage s -> runMapTask(ctx, (ShuffleDependency) s.dependency(), round, start);
                    case ResultStage r -> {
                        Rdd<T> rdd = (Rdd<T>) r.rdd();
                        U result;
                        try (CloseableIterator<T> it = rdd.iterator(partition, ctx)) {
                            result = fn.apply(ctx, it);
                        }
                        if (round.commit(partition, System.nanoTime() - start)) {
                            handler.handle(partition, result);
                            yield true;
                        }
                        discard(result);
                        yield false;
                    }
                };
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                ctx.metrics().runNanos = System.nanoTime() - start;
                ctx.metrics().peakMemory = taskAllocator.getPeakMemoryAllocation();
                info.absorb(ctx.metrics(), failure == null);
                try {
                    ctx.complete();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
                closeQuietly(taskAllocator, failure);
            }
            if (!committed) {
                return;
            }
            info.tasksSucceeded.incrementAndGet();
            job.faults().taskSucceeded(job, cluster, executor);
            job.progress().taskFinished(stage.id());
        }, executor.slots());
    }

    private static void closeQuietly(BufferAllocator allocator, Throwable failure) {
        if (failure == null) {
            allocator.close();
            return;
        }
        try {
            allocator.close();
        } catch (RuntimeException leak) {
            // The task failed midway and left buffers behind: the failure is what matters.
            failure.addSuppressed(leak);
        }
    }

    /** Runs a map task; returns false when another copy of it already published its output. */
    private <T> boolean runMapTask(TaskContext ctx, ShuffleDependency<T> dep, TaskRound round, long start) {
        Executor executor = ctx.executor();
        try (ShuffleWriter<T> writer = dep.writerFactory().create(dep.numReducePartitions(), ctx);
             CloseableIterator<T> it = dep.rdd().iterator(ctx.partition(), ctx)) {
            while (it.hasNext()) {
                writer.write(it.next());
            }
            MapStatus status = writer.commit(executor.shuffleStore(), dep.shuffleId(), ctx.partition());
            ctx.metrics().shuffleBytesWritten += status.totalBytes();
            ctx.metrics().shuffleRowsWritten += status.totalRows();
            if (!round.commit(ctx.partition(), System.nanoTime() - start)) {
                // The other copy won: its output is the registered one; drop ours.
                executor.shuffleStore().remove(dep.shuffleId(), ctx.partition());
                return false;
            }
            cluster.mapOutputs().register(dep.shuffleId(), ctx.partition(), status);
            return true;
        }
    }

    private static String stageName(Stage stage) {
        return switch (stage) {
            case ShuffleMapStage s -> s.rdd().name() + " -> " + s.dependency().description();
            case ResultStage r -> r.rdd().name();
        };
    }
}
