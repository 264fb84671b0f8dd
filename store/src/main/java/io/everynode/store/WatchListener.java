package io.everynode.store;

/** Receives the events of one watch, one call at a time, in revision order. */
public interface WatchListener {

    void onEvent(StoreEvent event);

    /**
     * Every event of this watch at or below {@code revision} has been delivered: the watch's
     * view of its prefix is the store's at {@code revision}, even if the last event was older
     * (writes elsewhere raised the revision). Called in order with the events, after those it
     * covers, answering {@link Watch#requestProgress}; revisions only grow.
     */
    default void onProgress(long revision) {}

    /**
     * The watch ended abnormally (for example: the listener fell so far behind that the events
     * it needs were compacted). No further events follow.
     */
    default void onError(RuntimeException error) {}
}
