package io.everynode.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference implementation: the same append-only log as the SQLite store, in memory.
 *
 * <p>Threading: one read-write lock. Writes take the write lock, append, and publish to the
 * watch hub before releasing it, so revision order is commit order is publish order.
 */
final class MemoryStore implements Store {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Retention retention;
    private final WatchHub hub;
    private final Compactor compactor;

    // Guarded by lock.
    private final List<Row> log = new ArrayList<>(); // ascending revision
    private final TreeMap<String, Row> latest = new TreeMap<>(); // latest row per key, tombstones included
    private long revision;
    private volatile long compactRevision;
    private boolean closed;

    MemoryStore(Retention retention, StoreConfig config, int maxWatchBacklog) {
        this.retention = retention;
        this.hub = new WatchHub(maxWatchBacklog);
        this.compactor = new Compactor(this, config.compactInterval());
    }

    @Override
    public long currentRevision() {
        lock.readLock().lock();
        try {
            return revision;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long compactRevision() {
        return compactRevision;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        lock.readLock().lock();
        try {
            Row row = latest.get(key);
            return row == null || row.deleted() ? Optional.empty() : Optional.of(row.keyValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ListResult list(String prefix, long atRevision) {
        lock.readLock().lock();
        try {
            checkOpen();
            long at = atRevision == 0 ? revision : Math.min(atRevision, revision);
            checkCompacted(at);
            Map<String, Row> view;
            if (at == revision) {
                view = latest.subMap(prefix, true, Keys.upperBound(prefix), false);
            } else {
                TreeMap<String, Row> past = new TreeMap<>();
                for (Row row : log) {
                    if (row.revision() > at) {
                        break;
                    }
                    if (row.key().startsWith(prefix)) {
                        past.put(row.key(), row);
                    }
                }
                view = past;
            }
            List<KeyValue> items = new ArrayList<>();
            for (Row row : view.values()) {
                if (!row.deleted() && row.key().startsWith(prefix)) {
                    items.add(row.keyValue());
                }
            }
            return new ListResult(List.copyOf(items), at);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return write(Mutation.create(key, value));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return write(Mutation.update(key, value, expectedModRevision));
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return write(Mutation.delete(key, expectedModRevision));
    }

    private KeyValue write(Mutation mutation) {
        lock.writeLock().lock();
        try {
            checkOpen();
            Row row = mutation.apply(
                    latest.get(mutation.key()), revision + 1, retention.clock().millis());
            revision = row.revision();
            log.add(row);
            latest.put(row.key(), row);
            hub.publish(List.of(row.event()));
            return mutation.result(row);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        // The lock makes registration and the history read one step: every later write is live.
        lock.readLock().lock();
        try {
            checkOpen();
            checkCompacted(afterRevision);
            WatchSession session = hub.register(prefix, afterRevision, listener);
            List<StoreEvent> replay = new ArrayList<>();
            for (int i = firstIndexAfter(afterRevision); i < log.size(); i++) {
                Row row = log.get(i);
                if (row.key().startsWith(prefix)) {
                    replay.add(row.event());
                }
            }
            session.start(replay);
            return session;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long compact() {
        lock.writeLock().lock();
        try {
            checkOpen();
            long cutoff = retention.cutoffMillis();
            long lastBeforeCutoff = 0;
            for (Row row : log) {
                if (row.epochMillis() <= cutoff) {
                    lastBeforeCutoff = Math.max(lastBeforeCutoff, row.revision());
                }
            }
            long target = retention.target(revision, lastBeforeCutoff, compactRevision);
            if (target == compactRevision) {
                return target;
            }
            // Keep every row after the target, and at or before it only what the state at the
            // target needs: each key's latest row there, unless it is a tombstone.
            Map<String, Row> stateAtTarget = new HashMap<>();
            for (Row row : log) {
                if (row.revision() > target) {
                    break;
                }
                stateAtTarget.put(row.key(), row);
            }
            List<Row> kept = new ArrayList<>();
            for (Row row : log) {
                if (row.revision() > target || (stateAtTarget.get(row.key()) == row && !row.deleted())) {
                    kept.add(row);
                }
            }
            log.clear();
            log.addAll(kept);
            latest.values().removeIf(row -> row.deleted() && row.revision() <= target);
            compactRevision = target;
            return target;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        compactor.close();
        lock.writeLock().lock();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        hub.close();
    }

    private int firstIndexAfter(long afterRevision) {
        int lo = 0;
        int hi = log.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).revision() <= afterRevision) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void checkCompacted(long atRevision) {
        if (atRevision < compactRevision) {
            throw new CompactedException(atRevision, compactRevision);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }
}
