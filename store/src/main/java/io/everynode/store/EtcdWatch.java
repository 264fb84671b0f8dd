package io.everynode.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch.Listener;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link Store#watch} on etcd: an etcd watch from {@code afterRevision + 1} with previous
 * values, its events turned into {@link StoreEvent}s and handed to a {@link WatchSession}, which
 * delivers them in order, drops any at or below what it delivered (a resumed etcd stream), and
 * bounds the backlog. jetcd resumes the stream after a lost connection from the last revision it
 * saw, so a member failing leaves no gap; a compacted start ends the watch with
 * {@link CompactedException}.
 */
final class EtcdWatch implements Watch {
    private final WatchSession session;
    private final AtomicReference<Watcher> watcher;

    private EtcdWatch(WatchSession session, AtomicReference<Watcher> watcher) {
        this.session = session;
        this.watcher = watcher;
    }

    static EtcdWatch start(
            io.etcd.jetcd.Watch client,
            WatchHub hub,
            ByteSequence rangeKey,
            ByteSequence rangeEnd,
            String keyPrefix,
            String prefix,
            long afterRevision,
            WatchListener listener,
            EtcdCompaction compaction) {
        WatchSession session = hub.register(prefix, afterRevision, listener);
        AtomicReference<Watcher> holder = new AtomicReference<>();
        Listener etcdListener = new Listener() {
            @Override
            public void onNext(WatchResponse response) {
                session.offer(events(response, keyPrefix));
                if (session.ended()) {
                    closeQuietly(holder.get());
                }
            }

            @Override
            public void onError(Throwable error) {
                if (error instanceof io.etcd.jetcd.common.exception.CompactedException c) {
                    compaction.learned(c.getCompactedRevision());
                    session.fail(new CompactedException(afterRevision, c.getCompactedRevision()));
                } else {
                    session.fail(
                            new StoreException("etcd watch on " + prefix + " failed: " + error.getMessage(), error));
                }
            }

            @Override
            public void onCompleted() {
                session.fail(new StoreException("etcd ended the watch on " + prefix));
            }
        };
        WatchOption option = WatchOption.builder()
                .withRange(rangeEnd)
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .build();
        holder.set(client.watch(rangeKey, option, etcdListener));
        session.start(List.of());
        return new EtcdWatch(session, holder);
    }

    static List<StoreEvent> events(WatchResponse response, String keyPrefix) {
        List<StoreEvent> events = new ArrayList<>(response.getEvents().size());
        for (WatchEvent event : response.getEvents()) {
            io.etcd.jetcd.KeyValue kv = event.getKeyValue();
            String key = EtcdStore.unprefixed(keyPrefix, kv.getKey());
            switch (event.getEventType()) {
                case PUT ->
                    events.add(new StoreEvent.Put(
                            new KeyValue(key, kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision()),
                            kv.getCreateRevision() == kv.getModRevision()));
                case DELETE -> {
                    io.etcd.jetcd.KeyValue prev = event.getPrevKV();
                    // etcd sends no previous value only if it was compacted away meanwhile.
                    KeyValue previous = prev == null || prev.getModRevision() == 0
                            ? new KeyValue(key, new byte[0], 0, 0)
                            : new KeyValue(
                                    key, prev.getValue().getBytes(), prev.getCreateRevision(), prev.getModRevision());
                    events.add(new StoreEvent.Deleted(previous, kv.getModRevision()));
                }
                default -> {
                    // UNRECOGNIZED: nothing a Store event can say.
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        session.close();
        closeQuietly(watcher.get());
    }

    private static void closeQuietly(Watcher w) {
        if (w != null) {
            w.close();
        }
    }
}
