package dev.ember.shell;

import dev.ember.physical.scheduler.ProgressListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The line that shows a running query's stages, {@code [Stage 3: 12/40 tasks]}, redrawn in place
 * and erased before the result prints. It appears only after a short delay (quick queries never
 * flicker) and only on a real terminal: the shell does not use it for scripts or dumb terminals.
 */
final class ProgressLine implements ProgressListener, AutoCloseable {
    private static final long DELAY_MILLIS = 300;
    private static final long TICK_MILLIS = 100;

    private record StageState(String name, int tasks, AtomicInteger done) {
    }

    private final PrintWriter out;
    private final Map<Integer, StageState> running = new ConcurrentSkipListMap<>();
    private final Thread ticker;
    private final long started = System.nanoTime();
    private volatile boolean stopped;
    private boolean drawn;

    ProgressLine(PrintWriter out) {
        this.out = out;
        this.ticker = new Thread(this::tick, "ember-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void stageSubmitted(int stageId, String name, int tasks) {
        running.put(stageId, new StageState(name, tasks, new AtomicInteger()));
    }

    @Override
    public void taskFinished(int stageId) {
        StageState s = running.get(stageId);
        if (s != null) {
            s.done().incrementAndGet();
        }
    }

    @Override
    public void stageCompleted(int stageId) {
        running.remove(stageId);
    }

    /** The text of the line: every running stage, e.g. {@code [Stage 1: 3/8 tasks] [Stage 2: 0/4 tasks]}. */
    String text() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Integer, StageState> e : running.entrySet()) {
            parts.add("[Stage " + e.getKey() + ": " + e.getValue().done().get() + "/" + e.getValue().tasks() + " tasks]");
        }
        return String.join(" ", parts);
    }

    private void tick() {
        try {
            while (!stopped) {
                Thread.sleep(TICK_MILLIS);
                if ((System.nanoTime() - started) / 1_000_000 < DELAY_MILLIS) {
                    continue;
                }
                String t = text();
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    if (!t.isEmpty()) {
                        out.print("\r" + t + "\u001b[K");
                        out.flush();
                        drawn = true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            if (drawn) {
                out.print("\r\u001b[K");
                out.flush();
            }
        }
        ticker.interrupt();
    }
}
