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
     * The watch ended abnormally. No further events follow. {@code error} says why:
     *
     * <ul>
     *   <li>{@link CompactedException}: the listener fell so far behind (or resumed so late) that
     *       the events it needs were compacted; it must list again;
     *   <li>{@link StoreUnavailableException}: the store cannot vouch for the watch any more (an
     *       etcd member that lost its leader: no quorum). Nothing was lost: a new watch from the
     *       last revision delivered continues without gap once the store answers again;
     *   <li>any other {@link StoreException}: the store failed otherwise (closed, the listener
     *       fell too far behind).
     * </ul>
     */
    default void onError(RuntimeException error) {}
}
