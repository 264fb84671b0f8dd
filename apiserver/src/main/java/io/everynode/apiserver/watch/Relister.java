package io.everynode.apiserver.watch;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cache's relist on a thread of its own once its store watch failed, and again, backing
 * off from {@link #FIRST_RETRY_MILLIS} to {@link #MAX_RETRY_MILLIS}, while the store cannot be
 * read (an etcd outage). One relist at a time; a failure reported during one starts another after.
 */
final class Relister implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relister.class);
    static final long FIRST_RETRY_MILLIS = 100;
    static final long MAX_RETRY_MILLIS = 5_000;

    private final Runnable relist;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();

    Relister(Runnable relist) {
        this.relist = relist;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "everynode-cache-relist");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a relist; one already waiting to run covers this request too. */
    void start() {
        if (pending.compareAndSet(false, true)) schedule(0);
    }

    private void schedule(long delayMillis) {
        try {
            thread.schedule(() -> attempt(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: nothing to follow any more
        }
    }

    private void attempt(long lastDelay) {
        pending.set(false); // a failure of the watch this relist opens asks again
        try {
            relist.run();
        } catch (RuntimeException e) {
            long next = Math.min(MAX_RETRY_MILLIS, Math.max(FIRST_RETRY_MILLIS, lastDelay * 2));
            LOG.warn("listing the store for the watch cache failed ({}); trying again in {} ms", e.getMessage(), next);
            if (pending.compareAndSet(false, true)) schedule(next);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
