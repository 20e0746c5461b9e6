package dev.ember.physical.scheduler;

/**
 * A reducer could not read a map output (its executor was lost). Not a task failure: the
 * scheduler re-runs the map tasks whose outputs are missing, then this task.
 */
public final class FetchFailedException extends RuntimeException {
    private final int shuffleId;
    private final int mapId;

    public FetchFailedException(int shuffleId, int mapId, String message) {
        super(message);
        this.shuffleId = shuffleId;
        this.mapId = mapId;
    }

    public int shuffleId() {
        return shuffleId;
    }

    public int mapId() {
        return mapId;
    }
}
