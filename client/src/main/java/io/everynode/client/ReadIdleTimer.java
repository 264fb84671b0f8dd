package io.everynode.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code onIdle} once when nothing was read for longer than a timeout: a stream's guard
 * against a peer that keeps its connection open and says nothing (a stopped process, a host cut
 * off without a reset). The reader calls {@link #touch()} for everything it reads; time is the
 * injected clock's, and the clock is looked at every quarter of the timeout (at least every 5 s)
 * on the JDK's shared delay thread, so thousands of guarded streams cost no thread of their own.
 */
final class ReadIdleTimer {
    private static final Duration MAX_CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration MIN_CHECK_EVERY = Duration.ofMillis(10);

    private final Clock clock;
    private final Duration timeout;
    private final Runnable onIdle;
    private final Executor nextCheck;
    private volatile Instant lastRead;
    private volatile boolean stopped;

    ReadIdleTimer(Clock clock, Duration timeout, Runnable onIdle) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        this.clock = clock;
        this.timeout = timeout;
        this.onIdle = onIdle;
        Duration every = timeout.dividedBy(4);
        if (every.compareTo(MAX_CHECK_EVERY) > 0) every = MAX_CHECK_EVERY;
        if (every.compareTo(MIN_CHECK_EVERY) < 0) every = MIN_CHECK_EVERY;
        this.nextCheck = CompletableFuture.delayedExecutor(every.toMillis(), TimeUnit.MILLISECONDS);
        this.lastRead = clock.instant();
    }

    /** Starts looking at the clock; the silence counts from now. */
    ReadIdleTimer start() {
        lastRead = clock.instant();
        schedule();
        return this;
    }

    /** Something was read: the silence starts again. */
    void touch() {
        lastRead = clock.instant();
    }

    /** Looks no more; {@code onIdle} is not called after this returns (unless it already runs). */
    void stop() {
        stopped = true;
    }

    /** The timeout, as the message of the error that ends the stream states it. */
    Duration timeout() {
        return timeout;
    }

    /** Calls {@code onIdle} and answers true when the silence has lasted longer than the timeout. */
    boolean check() {
        if (stopped) return false;
        if (Duration.between(lastRead, clock.instant()).compareTo(timeout) <= 0) return false;
        stopped = true;
        onIdle.run();
        return true;
    }

    private void schedule() {
        nextCheck.execute(() -> {
            if (!check() && !stopped) schedule();
        });
    }
}
