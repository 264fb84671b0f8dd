package io.everynode.store;

/** Receives the events of one watch, one call at a time, in revision order. */
public interface WatchListener {

    void onEvent(StoreEvent event);

    /**
     * The watch ended abnormally (for example: the listener fell so far behind that the events
     * it needs were compacted). No further events follow.
     */
    default void onError(RuntimeException error) {}
}
