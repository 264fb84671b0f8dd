package io.everynode.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans committed events out to the watches of one store.
 *
 * <p>Threading: {@link #publish} must be called by one thread at a time, after the events'
 * commit, in revision order (each store calls it under its write serialisation). Publishing
 * only enqueues; every watch delivers on a shared pool, serialised per watch, so a slow
 * listener never blocks a writer. A watch more than {@code maxBacklog} events behind is ended
 * with {@code onError}.
 */
final class WatchHub implements AutoCloseable {

    /** Generous: a watch cache keeps up easily; a listener this far behind is stuck, not slow. */
    static final int DEFAULT_MAX_BACKLOG = 100_000;

    private final Set<WatchSession> sessions = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;
    private final int maxBacklog;
    /** The revision of the last event published: every session has been offered all up to it. */
    private volatile long published;

    WatchHub(int maxBacklog) {
        this.maxBacklog = maxBacklog;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "everynode-watch-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(factory);
    }

    /**
     * Registers a watch that buffers live events from now on but delivers nothing until
     * {@link WatchSession#start} hands it the history to replay first. Registering before the
     * caller reads history is what makes replay-then-live gap-free; the session drops live
     * events it already replayed, by revision.
     */
    WatchSession register(String prefix, long afterRevision, WatchListener listener) {
        WatchSession session = new WatchSession(
                prefix, afterRevision, listener, executor, maxBacklog, sessions::remove, () -> published);
        sessions.add(session);
        return session;
    }

    /**
     * Registers a watch whose events (and progress) the caller offers itself, from another
     * source than {@link #publish} (an etcd watch); see {@link #register}.
     */
    WatchSession registerFed(String prefix, long afterRevision, WatchListener listener) {
        WatchSession session =
                new WatchSession(prefix, afterRevision, listener, executor, maxBacklog, sessions::remove, null);
        sessions.add(session);
        return session;
    }

    /** The store opened at {@code revision}: every event up to it is history, none live. Before any publish. */
    void startAt(long revision) {
        published = revision;
    }

    void publish(List<StoreEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (WatchSession session : sessions) {
            session.offer(events);
        }
        published = events.get(events.size() - 1).revision(); // after the offers: see WatchSession#requestProgress
    }

    @Override
    public void close() {
        for (WatchSession session : sessions) {
            session.close();
        }
        executor.shutdown();
    }
}
