package dev.ember.engine.rdd;

import dev.ember.engine.rdd.function.FlatMapFunction;
import dev.ember.engine.rdd.function.Function;
import dev.ember.physical.rdd.CloseableIterator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Runs the functions users give the Rdd API: checked exceptions wrapped, iterators that close what they read. */
final class UserCode {
    private UserCode() {
    }

    /** A function given to the Rdd API threw a checked exception (unchecked ones pass as they are). */
    static final class FunctionFailedException extends RuntimeException {
        FunctionFailedException(Exception cause) {
            super("a function given to the Rdd API failed: " + cause, cause);
        }
    }

    static RuntimeException wrap(Exception e) {
        return e instanceof RuntimeException re ? re : new FunctionFailedException(e);
    }

    static <T, U> U apply(Function<T, U> f, T value) {
        try {
            return f.call(value);
        } catch (Exception e) {
            throw wrap(e);
        }
    }

    static <T, U> CloseableIterator<U> map(CloseableIterator<T> in, Function<T, U> f) {
        return CloseableIterator.of(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public U next() {
                return apply(f, in.next());
            }
        }, in::close);
    }

    static <T> CloseableIterator<T> filter(CloseableIterator<T> in, Function<T, Boolean> f) {
        return CloseableIterator.of(new Iterator<>() {
            private T next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && in.hasNext()) {
                    T candidate = in.next();
                    if (Boolean.TRUE.equals(apply(f, candidate))) {
                        next = candidate;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                T out = next;
                next = null;
                return out;
            }
        }, in::close);
    }

    static <T, U> CloseableIterator<U> flatMap(CloseableIterator<T> in, FlatMapFunction<T, U> f) {
        return CloseableIterator.of(new Iterator<>() {
            private Iterator<U> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    try {
                        Iterator<U> it = f.call(in.next());
                        current = it == null ? java.util.Collections.emptyIterator() : it;
                    } catch (Exception e) {
                        throw wrap(e);
                    }
                }
                return true;
            }

            @Override
            public U next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        }, in::close);
    }
}
