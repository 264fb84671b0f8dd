package io.everynode.controllers.daemonset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates and deletes a controller (DaemonSet, ReplicaSet) has issued but the informer has not yet reported (R2.9, R2.11).
 * While any are outstanding the cache is stale, so sync only refreshes status (R2.1 step 5).
 * Records expire after the TTL (5 min upstream) so a lost watch event cannot wedge a DaemonSet.
 * Thread-safe: sync workers and informer handlers call it concurrently.
 */
public final class Expectations {
    private record Record(long adds, long dels, Instant setAt) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Record> records = new HashMap<>();

    public Expectations(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Replaces the record for {@code key}, stamped now; called before the writes are issued. */
    public synchronized void expect(String key, int adds, int dels) {
        records.put(key, new Record(adds, dels, clock.instant()));
    }

    public synchronized void creationObserved(String key) {
        lower(key, 1, 0);
    }

    public synchronized void deletionObserved(String key) {
        lower(key, 0, 1);
    }

    /** Gives up on writes that were never issued or failed (R2.9); keeps the timestamp. */
    public synchronized void lower(String key, int adds, int dels) {
        Record r = records.get(key);
        if (r != null) {
            records.put(key, new Record(r.adds - adds, r.dels - dels, r.setAt));
        }
    }

    /** True when nothing is recorded, everything was observed, or the record outlived the TTL. */
    public synchronized boolean satisfied(String key) {
        Record r = records.get(key);
        if (r == null) {
            return true;
        }
        if (r.adds <= 0 && r.dels <= 0) {
            return true;
        }
        return Duration.between(r.setAt, clock.instant()).compareTo(ttl) > 0;
    }

    /** Forgets {@code key} (DaemonSet deleted or gone from the cache, R2.1 step 1, R2.11). */
    public synchronized void delete(String key) {
        records.remove(key);
    }

    /** Outstanding (adds, dels), for tests and diagnostics; (0, 0) when none. */
    public synchronized long[] pending(String key) {
        Record r = records.get(key);
        return r == null ? new long[] {0, 0} : new long[] {r.adds, r.dels};
    }
}
