package io.everynode.client;

/**
 * Receives the events of one watch, in order, on the watch's own thread. Keep the work short
 * (enqueue a key): the next event waits for this one.
 */
public interface Watcher<T> {

    void onEvent(WatchEvent<T> event);

    /**
     * The watch ended without the client closing it. {@code cause} is null when the server
     * ended the stream normally (its {@code timeoutSeconds} ran out): resume from the last
     * resourceVersion seen. An {@link ApiError} came as an ERROR event (410 Gone: relist);
     * anything else is a failure of the connection or of decoding. Not called after
     * {@link WatchHandle#close()}.
     */
    default void onClose(Exception cause) {}
}
