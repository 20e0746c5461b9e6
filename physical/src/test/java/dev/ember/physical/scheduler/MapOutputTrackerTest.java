package dev.ember.physical.scheduler;

import dev.ember.physical.shuffle.MapStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MapOutputTrackerTest {
    private static MapStatus on(int executor) {
        return new MapStatus(executor, new long[] {1}, new long[] {1});
    }

    @Test
    void removedShuffleHasEveryOutputMissing() {
        MapOutputTracker t = new MapOutputTracker();
        t.registerShuffle(3, 2);
        t.register(3, 0, on(0));
        t.register(3, 1, on(1));
        assertThat(t.isComplete(3)).isTrue();
        t.removeShuffle(3);
        // Used to throw NullPointerException.
        assertThat(t.isComplete(3)).isFalse();
        assertThat(t.missing(3, 2)).containsExactly(0, 1);
        t.register(3, 1, on(0));
        assertThat(t.missing(3, 2)).containsExactly(0);
    }

    @Test
    void outputOfAShuffleRemovedWhileItsTaskRanIsDropped() {
        MapOutputTracker t = new MapOutputTracker();
        t.register(9, 0, on(0));
        assertThat(t.statuses(9)).isNull();
        assertThat(t.isComplete(9)).isFalse();
    }
}
