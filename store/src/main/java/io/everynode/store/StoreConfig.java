package io.everynode.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a store: in memory, SQLite in a data directory (the default), or etcd.
 *
 * @param dataDir where the SQLite file {@code everynode.db} lives; {@code null} means in memory
 *     (or etcd, when {@code etcd} is set)
 * @param retention compaction keeps at least this much recent history (by commit time)
 * @param retainRevisions compaction keeps at least this many recent revisions
 * @param compactInterval how often the background compactor runs; zero or negative disables it
 * @param etcd the etcd cluster to use instead of SQLite, or {@code null}
 */
public record StoreConfig(
        Path dataDir, Duration retention, long retainRevisions, Duration compactInterval, EtcdConfig etcd) {

    /** The {@link Store} contract's floor: 5 minutes and 1000 revisions. */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(5);

    public static final long DEFAULT_RETAIN_REVISIONS = 1000;
    public static final Duration DEFAULT_COMPACT_INTERVAL = Duration.ofMinutes(1);

    public StoreConfig {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(compactInterval, "compactInterval");
        if (retention.isNegative() || retainRevisions < 0) {
            throw new IllegalArgumentException("retention must not be negative");
        }
        if (dataDir != null && etcd != null) {
            throw new IllegalArgumentException("a store is either SQLite in a data directory or etcd, not both");
        }
    }

    /** A memory or SQLite store. */
    public StoreConfig(Path dataDir, Duration retention, long retainRevisions, Duration compactInterval) {
        this(dataDir, retention, retainRevisions, compactInterval, null);
    }

    /** An in-memory store with the default retention. */
    public static StoreConfig memory() {
        return new StoreConfig(null, DEFAULT_RETENTION, DEFAULT_RETAIN_REVISIONS, DEFAULT_COMPACT_INTERVAL);
    }

    /** A SQLite store in {@code dataDir} with the default retention. */
    public static StoreConfig sqlite(Path dataDir) {
        return new StoreConfig(
                Objects.requireNonNull(dataDir, "dataDir"),
                DEFAULT_RETENTION,
                DEFAULT_RETAIN_REVISIONS,
                DEFAULT_COMPACT_INTERVAL);
    }

    /** The etcd store on {@code etcd}'s cluster with the default retention. */
    public static StoreConfig etcd(EtcdConfig etcd) {
        return new StoreConfig(
                null,
                DEFAULT_RETENTION,
                DEFAULT_RETAIN_REVISIONS,
                DEFAULT_COMPACT_INTERVAL,
                Objects.requireNonNull(etcd, "etcd"));
    }

    public StoreConfig withCompactInterval(Duration interval) {
        return new StoreConfig(dataDir, retention, retainRevisions, interval, etcd);
    }
}
