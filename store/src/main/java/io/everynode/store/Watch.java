package io.everynode.store;

/** A running watch; closing it stops delivery. Closing twice is harmless. */
public interface Watch extends AutoCloseable {

    /**
     * Asks the store to tell this watch's listener how far it is: soon after, the listener gets
     * {@link WatchListener#onProgress} with a revision at least the store's revision at the time
     * of this call, once every event up to it has been delivered (etcd's watch progress request).
     * A watcher learns so that writes elsewhere (keys outside its prefix) raised the revision
     * without any event for it. Best effort: a watch that is ending may never answer.
     */
    void requestProgress();

    @Override
    void close();
}
