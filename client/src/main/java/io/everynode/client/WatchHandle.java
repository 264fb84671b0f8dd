package io.everynode.client;

/** An open watch; closing it stops the events and releases the stream. Idempotent. */
public interface WatchHandle extends AutoCloseable {

    @Override
    void close();
}
