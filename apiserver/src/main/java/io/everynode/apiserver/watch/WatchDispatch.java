package io.everynode.apiserver.watch;

import java.time.Duration;

/**
 * Where open watches run their work: short tasks (write the queued events) and timers (the next
 * bookmark, the watch's end). No watch owns a thread; all share this. A seam so that a test can
 * drive timers with a manual clock and count how often an idle watch wakes.
 */
public interface WatchDispatch extends AutoCloseable {
    /** Runs {@code task} soon, on a dispatch thread; never on the caller's. */
    void execute(Runnable task);

    /** Runs {@code task} once after {@code delay}; the answer cancels it. */
    Timer schedule(Duration delay, Runnable task);

    /** A pending timer. */
    interface Timer {
        void cancel();
    }

    @Override
    void close();
}
