package io.everynode.controlplane;

import io.everynode.store.Store;
import io.everynode.store.StoreUnavailableException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Opens the store when a server starts, waiting for it as kube-apiserver waits for etcd: an etcd
 * that is not up yet (a machine booting its members and the server together) is tried again and
 * again, with a line to the log at most every {@link #LOG_EVERY} naming where and the last error,
 * until it answers or {@code limit} has passed ({@code --etcd-start-timeout}; zero: forever).
 * Only "unavailable" is waited out ({@link StoreUnavailableException}); any other failure (a bad
 * TLS file, a corrupt SQLite file) is thrown at once, since waiting would not mend it.
 *
 * <p>Each attempt itself lasts up to the store's request timeout; time is measured on
 * {@code nanoTime}, and the pause between attempts goes through {@code sleeper}, both injected.
 */
final class StoreStartup {
    /** How long between two attempts. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** At most one log line per this much waiting. */
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** Pauses the waiting thread. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Supplier<Store> open;
    private final String where;
    private final Duration limit;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    /**
     * @param open one attempt to open the store
     * @param where the store, for messages ("etcd at http://…")
     * @param limit how long to keep trying; {@link Duration#ZERO}: forever
     */
    StoreStartup(
            Supplier<Store> open,
            String where,
            Duration limit,
            LongSupplier nanoTime,
            Sleeper sleeper,
            Consumer<String> log) {
        if (limit.isNegative()) throw new IllegalArgumentException("the store start timeout is negative: " + limit);
        this.open = open;
        this.where = where;
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.log = log;
    }

    /**
     * The opened store.
     *
     * @throws StoreUnavailableException when it did not answer within the limit, naming the
     *     limit and the last error
     */
    Store open() {
        long start = nanoTime.getAsLong();
        long lastLog = Long.MIN_VALUE;
        int attempts = 0;
        while (true) {
            StoreUnavailableException last;
            try {
                return open.get();
            } catch (StoreUnavailableException e) {
                last = e;
            }
            attempts++;
            long now = nanoTime.getAsLong();
            Duration waited = Duration.ofNanos(now - start);
            if (!limit.isZero() && waited.compareTo(limit) >= 0) {
                throw new StoreUnavailableException(
                        where + " did not answer within " + text(limit) + " (--etcd-start-timeout; " + attempts
                                + " attempts); the last error: " + last.getMessage(),
                        last);
            }
            if (lastLog == Long.MIN_VALUE || now - lastLog >= LOG_EVERY.toNanos()) {
                lastLog = now;
                log.accept("waiting for the store: " + where + " does not answer yet (" + last.getMessage()
                        + "); trying again, waited " + text(waited) + " of "
                        + (limit.isZero() ? "no limit" : text(limit)));
            }
            Duration pause = RETRY;
            if (!limit.isZero()) {
                Duration left = limit.minus(waited);
                if (left.compareTo(pause) < 0) pause = left;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for " + where, e);
            }
        }
    }

    /** Whole seconds as Go durations print ("5m0s", "12s"). */
    static String text(Duration d) {
        long s = d.toSeconds();
        if (s >= 60) return (s / 60) + "m" + (s % 60) + "s";
        return s + "s";
    }
}
