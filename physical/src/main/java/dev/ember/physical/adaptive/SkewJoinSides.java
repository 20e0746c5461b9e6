package dev.ember.physical.adaptive;

/**
 * Which input of a shuffled join (as zipped: the Rdd's left and right parents) may be split
 * when one of its partitions is skewed, the other being replicated to every piece. A side may
 * be split only when each of its rows meets the whole other side in exactly one piece and
 * nothing is emitted for the other side's unmatched rows: never for the preserved side of an
 * outer join's other input, never for a full outer join.
 */
public record SkewJoinSides(boolean left, boolean right) {
    public static final SkewJoinSides NONE = new SkewJoinSides(false, false);
}
