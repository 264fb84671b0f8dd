package io.everynode.apiserver.watch;

import io.everynode.store.KeyValue;
import io.everynode.store.ListResult;
import io.everynode.store.Store;
import io.everynode.store.StoreException;
import io.everynode.store.Watch;
import io.everynode.store.WatchListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store whose watches a test can break: {@link #cut} stops delivery silently (a stream
 * gone quiet), {@link #fail} then ends every watch with an error, as a store ends a watch whose
 * revision was compacted during an outage; {@link #failListsTimes} makes the next lists fail.
 */
final class BreakableStore implements Store {
    private final Store store;
    private final List<Breakable> watches = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingLists = new AtomicInteger();
    private volatile boolean unavailable;

    BreakableStore(Store store) {
        this.store = store;
    }

    /** Every open watch stops delivering, without telling its listener yet. */
    void cut() {
        for (Breakable w : watches) w.delegate.close();
    }

    /** Every open watch ends with {@code error}. */
    void fail(RuntimeException error) {
        for (Breakable w : watches) {
            watches.remove(w);
            w.delegate.close();
            w.listener.onError(error);
        }
    }

    /** While set, reading the revision fails as an etcd without quorum does. */
    void unavailable(boolean value) {
        unavailable = value;
    }

    void failListsTimes(int times) {
        failingLists.set(times);
    }

    int openWatches() {
        return watches.size();
    }

    private record Breakable(Watch delegate, WatchListener listener) {}

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        Breakable b = new Breakable(store.watch(prefix, afterRevision, listener), listener);
        watches.add(b);
        return new Watch() {
            @Override
            public void requestProgress() {
                b.delegate.requestProgress();
            }

            @Override
            public void close() {
                watches.remove(b);
                b.delegate.close();
            }
        };
    }

    @Override
    public ListResult list(String prefix, long revision) {
        if (failingLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new StoreException("store is unavailable");
        return store.list(prefix, revision);
    }

    @Override
    public long currentRevision() {
        if (unavailable) throw new io.everynode.store.StoreUnavailableException("etcd did not answer", null);
        return store.currentRevision();
    }

    @Override
    public long compactRevision() {
        return store.compactRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return store.get(key);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return store.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return store.update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return store.delete(key, expectedModRevision);
    }

    @Override
    public long compact() {
        return store.compact();
    }

    @Override
    public void close() {
        store.close();
    }
}
