package dev.ember.physical.scheduler;

/** Hears stage and task progress (the shell draws {@code [Stage 3: 12/40 tasks]} from it). */
public interface ProgressListener {
    void stageSubmitted(int stageId, String name, int tasks);

    void taskFinished(int stageId);

    void stageCompleted(int stageId);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void stageSubmitted(int stageId, String name, int tasks) {
        }

        @Override
        public void taskFinished(int stageId) {
        }

        @Override
        public void stageCompleted(int stageId) {
        }
    };
}
