package io.everynode.apiserver.watch;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production {@link WatchDispatch}: a small fixed pool of daemon threads named
 * {@code everynode-watch-N}, shared by every open watch. Watch work is short (serialize events,
 * start a non-blocking write), so a few threads serve thousands of watches.
 */
public final class PooledDispatch implements WatchDispatch {
    private final ScheduledThreadPoolExecutor pool;

    public PooledDispatch(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "everynode-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = new ScheduledThreadPoolExecutor(threads, factory);
        pool.setRemoveOnCancelPolicy(true); // a closed watch's timers do not linger for 30 to 60 minutes
    }

    /** One thread per core, at least two. */
    public static PooledDispatch forMachine() {
        return new PooledDispatch(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        var f = pool.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
