package io.everynode.store;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One running watch: replays its history, then live events, each exactly once and in revision
 * order, calling the listener from one thread at a time.
 *
 * <p>Delivery runs as a drain task on the shared executor; {@code scheduled} guarantees at most
 * one drain per session at a time, and its atomic hand-offs publish {@code lastDelivered} and
 * {@code history} from one drain to the next.
 */
final class WatchSession implements Watch {

    private final String prefix;
    private final WatchListener listener;
    private final Executor executor;
    private final int maxBacklog;
    private final Consumer<WatchSession> onClose;
    /** The revision every event up to which was offered, for {@link #requestProgress}; null: the caller offers it. */
    private final LongSupplier published;

    private final Queue<StoreEvent> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private final AtomicLong progressOffered = new AtomicLong();
    /** Written only by the (serialised) drain; read after it to decide on another one. */
    private volatile long progressReported;

    // Touched only by the (serialised) drain task.
    private List<StoreEvent> history;
    private long lastDelivered;

    WatchSession(
            String prefix,
            long afterRevision,
            WatchListener listener,
            Executor executor,
            int maxBacklog,
            Consumer<WatchSession> onClose,
            LongSupplier published) {
        this.prefix = prefix;
        this.lastDelivered = afterRevision;
        this.listener = listener;
        this.executor = executor;
        this.maxBacklog = maxBacklog;
        this.onClose = onClose;
        this.published = published;
    }

    /**
     * Every event at or below {@code revision} has been offered (or is in the replay): the
     * listener learns it after them. Never blocks and never calls the listener.
     */
    void offerProgress(long revision) {
        if (ended() || progressOffered.getAndAccumulate(revision, Math::max) >= revision) {
            return;
        }
        schedule();
    }

    /** Offers the publisher's revision, for stores that publish themselves (memory, SQLite). */
    @Override
    public void requestProgress() {
        if (published != null) {
            offerProgress(published.getAsLong());
        }
    }

    /** Called by the publisher, in revision order. Never blocks and never calls the listener. */
    void offer(List<StoreEvent> events) {
        if (closed || failure != null) {
            return;
        }
        int added = 0;
        for (StoreEvent event : events) {
            if (event.key().startsWith(prefix)) {
                live.add(event);
                added++;
            }
        }
        if (added == 0) {
            return;
        }
        if (backlog.addAndGet(added) > maxBacklog) {
            fail(new StoreException(
                    "watch on " + prefix + " ended: the listener fell more than " + maxBacklog + " events behind"));
            return;
        }
        schedule();
    }

    /** Starts delivery: {@code replay} (events after the watch's revision, in order) first, then live events. */
    void start(List<StoreEvent> replay) {
        this.history = replay;
        this.started = true; // volatile write publishes history to the first drain
        schedule();
    }

    /** Ends the watch with an error, delivered to the listener on the delivery thread. */
    void fail(RuntimeException error) {
        if (closed || failure != null) {
            return;
        }
        failure = error;
        onClose.accept(this);
        live.clear();
        started = true;
        schedule();
    }

    /** Whether the watch is over: closed, or ended by an error. */
    boolean ended() {
        return closed || failure != null;
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
        live.clear();
    }

    private void schedule() {
        if (!started || closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The store is closing; nothing more will be delivered.
            closed = true;
            scheduled.set(false);
        }
    }

    private void drain() {
        try {
            // Read before the queue is emptied: the events this covers are in it by now.
            long progress = progressOffered.get();
            if (history != null) {
                for (StoreEvent event : history) {
                    if (!deliver(event)) {
                        return;
                    }
                }
                history = null;
            }
            StoreEvent event;
            while ((event = live.poll()) != null) {
                backlog.decrementAndGet();
                if (event.revision() > lastDelivered && !deliver(event)) {
                    return;
                }
            }
            if (progress > progressReported && !reportProgress(progress)) {
                return;
            }
            reportFailure();
        } finally {
            scheduled.set(false);
            // Re-check after releasing: an offer may have enqueued while we were finishing.
            if ((!live.isEmpty() || failure != null || progressOffered.get() > progressReported) && !closed) {
                schedule();
            }
        }
    }

    /** Delivers one event; false once the watch has ended. */
    private boolean deliver(StoreEvent event) {
        if (closed) {
            return false;
        }
        if (failure != null) {
            reportFailure();
            return false;
        }
        try {
            listener.onEvent(event);
            lastDelivered = event.revision();
            return true;
        } catch (RuntimeException e) {
            failure = e;
            onClose.accept(this);
            reportFailure();
            return false;
        }
    }

    /** Reports progress; false once the watch has ended. */
    private boolean reportProgress(long revision) {
        if (closed) {
            return false;
        }
        progressReported = revision;
        try {
            listener.onProgress(revision);
            return true;
        } catch (RuntimeException e) {
            failure = e;
            onClose.accept(this);
            reportFailure();
            return false;
        }
    }

    private void reportFailure() {
        RuntimeException error = failure;
        if (error == null || closed) {
            return;
        }
        closed = true; // the error is the last call the listener gets
        live.clear();
        try {
            listener.onError(error);
        } catch (RuntimeException ignored) {
            // The watch is over either way.
        }
    }
}
