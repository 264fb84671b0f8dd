package io.everynode.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a store.
 *
 * @param dataDir where the SQLite file {@code everynode.db} lives; {@code null} means in memory
 * @param retention compaction keeps at least this much recent history (by commit time)
 * @param retainRevisions compaction keeps at least this many recent revisions
 * @param compactInterval how often the background compactor runs; zero or negative disables it
 */
public record StoreConfig(Path dataDir, Duration retention, long retainRevisions, Duration compactInterval) {

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

    public StoreConfig withCompactInterval(Duration interval) {
        return new StoreConfig(dataDir, retention, retainRevisions, interval);
    }
}
