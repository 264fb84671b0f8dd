package io.everynode.store;

import java.time.Clock;

/** The module's entry: opens the store a {@link StoreConfig} describes. */
public final class Stores {
    private Stores() {}

    /**
     * Opens the etcd store ({@code etcd} set), an in-memory store ({@code dataDir == null}) or the
     * SQLite store in {@code dataDir}, and starts its background compactor. Close the store to
     * stop it.
     *
     * @throws StoreUnavailableException when etcd cannot be reached
     *
     * @param clock commit times and retention are measured on this clock
     */
    public static Store open(StoreConfig config, Clock clock) {
        return open(config, clock, WatchHub.DEFAULT_MAX_BACKLOG);
    }

    /** As {@link #open(StoreConfig, Clock)}, with a bound on how far behind a watch may fall. */
    static Store open(StoreConfig config, Clock clock, int maxWatchBacklog) {
        Retention retention = new Retention(config.retention(), config.retainRevisions(), clock);
        if (config.etcd() != null) {
            return new EtcdStore(config.etcd(), retention, config, maxWatchBacklog);
        }
        if (config.dataDir() == null) {
            return new MemoryStore(retention, config, maxWatchBacklog);
        }
        return new SqliteStore(config.dataDir(), retention, config, maxWatchBacklog);
    }
}
