package io.everynode.store;

import java.time.Clock;

/** The module's entry: opens the store a {@link StoreConfig} describes. */
public final class Stores {
    private Stores() {}

    /**
     * Opens an in-memory store ({@code dataDir == null}) or the SQLite store in
     * {@code dataDir}, and starts its background compactor. Close the store to stop it.
     *
     * @param clock commit times and retention are measured on this clock
     */
    public static Store open(StoreConfig config, Clock clock) {
        return open(config, clock, WatchHub.DEFAULT_MAX_BACKLOG);
    }

    /** As {@link #open(StoreConfig, Clock)}, with a bound on how far behind a watch may fall. */
    static Store open(StoreConfig config, Clock clock, int maxWatchBacklog) {
        Retention retention = new Retention(config.retention(), config.retainRevisions(), clock);
        if (config.dataDir() == null) {
            return new MemoryStore(retention, config, maxWatchBacklog);
        }
        return new SqliteStore(config.dataDir(), retention, config, maxWatchBacklog);
    }
}
