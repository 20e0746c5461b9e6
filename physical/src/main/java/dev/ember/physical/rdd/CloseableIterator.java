package dev.ember.physical.rdd;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** An iterator that holds resources (vectors, files) until closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

    @Override
    void close();

    static <T> CloseableIterator<T> of(Iterator<T> it, Runnable onClose) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
                if (onClose != null) {
                    onClose.run();
                }
            }
        };
    }

    static <T> CloseableIterator<T> of(List<T> items) {
        return of(items.iterator(), null);
    }

    static <T> CloseableIterator<T> empty() {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public T next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {
            }
        };
    }
}
