package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.rdd.Rdd;

/**
 * The one place where the DataFrame and Rdd APIs ask for caching and checkpoints
 * ({@code cache}, {@code persist}, {@code unpersist}, {@code checkpoint}). The block manager
 * (issue 6) implements it; until it is merged, {@link #UNSUPPORTED} answers every call with an
 * {@code UNSUPPORTED_FEATURE} error, so the public methods already have their final shape.
 */
public interface CacheHook {
    /** Marks {@code df}'s result to be kept at {@code level} when first computed; returns the DataFrame to use. */
    DataFrame persist(DataFrame df, StorageLevel level);

    DataFrame unpersist(DataFrame df, boolean blocking);

    /** {@code df}'s result written to reliable storage, its lineage cut; computed now when {@code eager}. */
    DataFrame checkpoint(DataFrame df, boolean eager);

    /** Marks {@code rdd}'s partitions to be kept at {@code level}; returns the Rdd to use. */
    <T> Rdd<T> persist(Rdd<T> rdd, StorageLevel level);

    <T> Rdd<T> unpersist(Rdd<T> rdd, boolean blocking);

    <T> Rdd<T> checkpoint(Rdd<T> rdd);

    /** The level {@code rdd} is kept at ({@link StorageLevel#NONE} if not). */
    StorageLevel storageLevel(Rdd<?> rdd);

    boolean isCheckpointed(Rdd<?> rdd);

    /** Until the cache exists: every request fails clearly, reads of the state say "not cached". */
    CacheHook UNSUPPORTED = new CacheHook() {
        private AnalysisException notYet(String what) {
            return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, what + " is not supported yet (caching arrives with issue 6)");
        }

        @Override
        public DataFrame persist(DataFrame df, StorageLevel level) {
            throw notYet("DataFrame.persist (cache)");
        }

        @Override
        public DataFrame unpersist(DataFrame df, boolean blocking) {
            throw notYet("DataFrame.unpersist");
        }

        @Override
        public DataFrame checkpoint(DataFrame df, boolean eager) {
            throw notYet("DataFrame.checkpoint");
        }

        @Override
        public <T> Rdd<T> persist(Rdd<T> rdd, StorageLevel level) {
            throw notYet("Rdd.persist (cache)");
        }

        @Override
        public <T> Rdd<T> unpersist(Rdd<T> rdd, boolean blocking) {
            throw notYet("Rdd.unpersist");
        }

        @Override
        public <T> Rdd<T> checkpoint(Rdd<T> rdd) {
            throw notYet("Rdd.checkpoint");
        }

        @Override
        public StorageLevel storageLevel(Rdd<?> rdd) {
            return StorageLevel.NONE;
        }

        @Override
        public boolean isCheckpointed(Rdd<?> rdd) {
            return false;
        }
    };
}
