package dev.ember.physical.adaptive;

import dev.ember.physical.adaptive.PartitionSpecPlanner.Plan;
import dev.ember.physical.adaptive.PartitionSpecPlanner.Settings;
import dev.ember.physical.adaptive.PartitionSpecPlanner.Side;
import dev.ember.physical.adaptive.ShufflePartitionSpec.Coalesced;
import dev.ember.physical.adaptive.ShufflePartitionSpec.PartialReducer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionSpecPlannerTest {
    private static final Settings DEFAULTS = new Settings(true, 100, 1, true, 5.0, 50);

    /** bytes[map][reducer] with every map writing {@code perMap[r]} to reducer r. */
    private static long[][] uniform(int maps, long... perMap) {
        long[][] b = new long[maps][];
        for (int m = 0; m < maps; m++) {
            b[m] = perMap.clone();
        }
        return b;
    }

    @Test
    void adjacentSmallPartitionsMergeUpToTheTarget() {
        // Per reducer (2 maps): 20, 40, 60, 100, 20, 20 bytes.
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, uniform(2, 10, 20, 30, 50, 10, 10), false)), DEFAULTS);
        assertThat(p.specs().getFirst()).containsExactly(new Coalesced(0, 2), new Coalesced(2, 3), new Coalesced(3, 4),
                new Coalesced(4, 6));
        assertThat(p.describe()).isEqualTo("coalesced 6 -> 4 partitions");
    }

    @Test
    void minPartitionsShrinksTheTargetSoEveryCoreHasATask() {
        // 8 bytes in all with a 100-byte target would be one task; with 2 slots, two.
        Settings twoSlots = new Settings(true, 100, 2, false, 5.0, 50);
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, uniform(1, 1, 1, 1, 1, 1, 1, 1, 1), false)), twoSlots);
        assertThat(p.specs().getFirst()).containsExactly(new Coalesced(0, 4), new Coalesced(4, 8));
    }

    @Test
    void coalescingOffKeepsOnePartitionPerReducer() {
        Settings off = new Settings(false, 100, 1, false, 5.0, 50);
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, uniform(2, 1, 1, 1), false)), off);
        assertThat(p.specs().getFirst()).containsExactly(new Coalesced(0, 1), new Coalesced(1, 2), new Coalesced(2, 3));
        assertThat(p.describe()).isEmpty();
    }

    @Test
    void sidesOfAJoinGetTheSameRangesSizedByBoth() {
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, uniform(1, 30, 30, 30, 30), false),
                new Side(1, uniform(1, 30, 30, 30, 30), false)), DEFAULTS);
        // 60 bytes per reducer with both sides counted: no two fit in 100.
        assertThat(p.specs().get(0)).isEqualTo(p.specs().get(1)).hasSize(4);
    }

    @Test
    void skewedPartitionIsSplitByMapRangesAndTheOtherSideReplicated() {
        // Left reducer 2 holds 4 x 40 = 160 bytes; the median is 4; threshold 50.
        long[][] left = uniform(4, 1, 1, 40, 1, 1);
        long[][] right = uniform(4, 1, 1, 1, 1, 1);
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(7, left, true), new Side(8, right, true)),
                new Settings(false, 80, 1, true, 5.0, 50));
        assertThat(p.specs().get(0)).containsExactly(new Coalesced(0, 1), new Coalesced(1, 2),
                new PartialReducer(2, 0, 2), new PartialReducer(2, 2, 4), new Coalesced(3, 4), new Coalesced(4, 5));
        assertThat(p.specs().get(1)).containsExactly(new Coalesced(0, 1), new Coalesced(1, 2),
                new Coalesced(2, 3), new Coalesced(2, 3), new Coalesced(3, 4), new Coalesced(4, 5));
        assertThat(p.splits()).containsExactly(new PartitionSpecPlanner.SkewSplit(7, 2, 160, 4, 2));
        assertThat(p.describe()).isEqualTo("skew join: partition 2 of Shuffle#7 (160B, median 4B) split into 2; 6 tasks");
    }

    @Test
    void bothSidesSkewedPairEveryPieceWithEveryPiece() {
        long[][] skewed = uniform(2, 1, 1, 100);
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, skewed, true), new Side(1, skewed, true)),
                new Settings(false, 100, 1, true, 5.0, 50));
        assertThat(p.specs().get(0).subList(2, 6)).containsExactly(new PartialReducer(2, 0, 1),
                new PartialReducer(2, 0, 1), new PartialReducer(2, 1, 2), new PartialReducer(2, 1, 2));
        assertThat(p.specs().get(1).subList(2, 6)).containsExactly(new PartialReducer(2, 0, 1),
                new PartialReducer(2, 1, 2), new PartialReducer(2, 0, 1), new PartialReducer(2, 1, 2));
    }

    @Test
    void sideThatMayNotSplitIsLeftWhole() {
        long[][] left = uniform(4, 1, 1, 1);
        long[][] right = uniform(4, 1, 1, 100);
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, left, true), new Side(1, right, false)),
                new Settings(false, 10, 1, true, 5.0, 50));
        assertThat(p.splits()).isEmpty();
        assertThat(p.after()).isEqualTo(3);
    }

    @Test
    void belowTheThresholdNothingIsSkewed() {
        Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, uniform(4, 1, 1, 10), true)),
                new Settings(false, 5, 1, true, 5.0, 1000));
        assertThat(p.splits()).isEmpty();
    }

    /** Whatever the sizes, every (map, reducer) block of every side is read exactly once per pairing. */
    @Test
    void everyBlockIsReadOncePerSide() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int maps = 1 + random.nextInt(6);
            int reducers = 1 + random.nextInt(12);
            long[][] a = new long[maps][reducers];
            long[][] b = new long[maps][reducers];
            for (int m = 0; m < maps; m++) {
                for (int r = 0; r < reducers; r++) {
                    a[m][r] = random.nextInt(10) == 0 ? 1000 : random.nextInt(30);
                    b[m][r] = random.nextInt(30);
                }
            }
            Plan p = PartitionSpecPlanner.plan(List.of(new Side(0, a, true), new Side(1, b, false)),
                    new Settings(random.nextBoolean(), 40, 1 + random.nextInt(3), true, 3.0, 100));
            // Side b is never split: each of its blocks is read once per piece of a's same reducer.
            Map<Long, Integer> readsA = new HashMap<>();
            for (ShufflePartitionSpec s : p.specs().get(0)) {
                blocks(s, maps).forEach(k -> readsA.merge(k, 1, Integer::sum));
            }
            assertThat(readsA).hasSize(maps * reducers);
            assertThat(readsA.values()).containsOnly(1);
            assertThat(p.specs().get(1)).allMatch(s -> s instanceof Coalesced);
            assertThat(p.specs().get(0)).hasSameSizeAs(p.specs().get(1));
        }
    }

    private static List<Long> blocks(ShufflePartitionSpec s, int maps) {
        java.util.ArrayList<Long> out = new java.util.ArrayList<>();
        switch (s) {
            case Coalesced c -> {
                for (int r = c.startReducer(); r < c.endReducer(); r++) {
                    for (int m = 0; m < maps; m++) {
                        out.add((long) r << 32 | m);
                    }
                }
            }
            case PartialReducer p -> {
                for (int m = p.startMap(); m < p.endMap(); m++) {
                    out.add((long) p.reducer() << 32 | m);
                }
            }
        }
        return out;
    }
}
