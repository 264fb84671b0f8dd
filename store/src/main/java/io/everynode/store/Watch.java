package io.everynode.store;

/** A running watch; closing it stops delivery. Closing twice is harmless. */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
