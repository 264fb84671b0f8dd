package io.everynode.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a store's {@code compact()} periodically on one daemon thread until closed. */
final class Compactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final ScheduledExecutorService scheduler;

    /** Starts compacting every {@code interval}; a zero or negative interval starts nothing. */
    Compactor(Store store, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            scheduler = null;
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "everynode-compactor");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        store.compact();
                    } catch (RuntimeException e) {
                        // Keep the schedule alive: a failed compaction is retried at the next tick.
                        LOG.warn("compaction failed", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
