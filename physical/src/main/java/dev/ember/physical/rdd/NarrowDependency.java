package dev.ember.physical.rdd;

/** A dependency where each child partition reads a fixed set of parent partitions, pipelined. */
public non-sealed abstract class NarrowDependency<T> implements Dependency<T> {
    private final Rdd<T> rdd;

    protected NarrowDependency(Rdd<T> rdd) {
        this.rdd = rdd;
    }

    @Override
    public Rdd<T> rdd() {
        return rdd;
    }

    /** The parent partitions child partition {@code partition} reads. */
    public abstract int[] parents(int partition);

    /** Child partition i reads parent partition i. */
    public static <T> NarrowDependency<T> oneToOne(Rdd<T> rdd) {
        return new NarrowDependency<>(rdd) {
            @Override
            public int[] parents(int partition) {
                return new int[] {partition};
            }

            @Override
            public String toString() {
                return "OneToOne(" + rdd.id() + ")";
            }
        };
    }

    /** Child partitions [outStart, outStart+length) read parent partitions [inStart, ...) (union). */
    public static <T> NarrowDependency<T> range(Rdd<T> rdd, int inStart, int outStart, int length) {
        return new NarrowDependency<>(rdd) {
            @Override
            public int[] parents(int partition) {
                return partition >= outStart && partition < outStart + length
                        ? new int[] {partition - outStart + inStart} : new int[0];
            }

            @Override
            public String toString() {
                return "Range(" + rdd.id() + ")";
            }
        };
    }

    /** Every child partition reads every parent partition (a coalesce into one, or a broadcast side). */
    public static <T> NarrowDependency<T> all(Rdd<T> rdd) {
        return new NarrowDependency<>(rdd) {
            @Override
            public int[] parents(int partition) {
                int[] all = new int[rdd.numPartitions()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                return all;
            }

            @Override
            public String toString() {
                return "All(" + rdd.id() + ")";
            }
        };
    }
}
