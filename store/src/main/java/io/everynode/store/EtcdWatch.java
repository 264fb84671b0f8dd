package io.everynode.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch.Listener;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Store#watch} on etcd: an etcd watch from {@code afterRevision + 1} with previous
 * values, its events turned into {@link StoreEvent}s and handed to a {@link WatchSession}, which
 * delivers them in order, drops any at or below what it delivered, and bounds the backlog.
 *
 * <p>When the etcd stream breaks (a member stopped, quorum lost: jetcd gives up on "network
 * closed"), the watch opens a new one from the revision after the last event it passed on, first
 * after {@link #FIRST_RETRY_MILLIS} and then backing off to {@link #MAX_RETRY_MILLIS}, so a
 * failover leaves no gap and no duplicate. A compacted start ends it, with
 * {@link CompactedException}: the events it needs are gone. So does a member without a leader:
 * the watch asks for one (etcd's require-leader), etcd ends it with "no leader" when its member
 * lost quorum, and the listener gets {@link StoreUnavailableException} (docs/ha.md "When etcd
 * loses a member, or its quorum").
 *
 * <p>Progress ({@link #requestProgress}) is etcd's watch progress request. etcd before 3.4.31
 * and 3.5.13 may answer one ahead of events still queued on the stream (etcd issues 15220 and
 * 17557), so a notification is passed on only once a second one, requested after it arrived,
 * follows it on the same stream: the events queued before the first have gone out by then.
 * A confirmed revision also becomes where a broken stream resumes, so a watch whose prefix is
 * quiet while others are written does not resume from a compacted revision.
 *
 * <p>Threading: jetcd calls one stream's listener one response at a time; a resumed stream starts
 * only after the broken one reported its end, so {@link #lastRevision} has one writer at a time.
 */
final class EtcdWatch implements Watch {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
    static final long FIRST_RETRY_MILLIS = 200;
    static final long MAX_RETRY_MILLIS = 5_000;
    /** etcd's message for a request that required a leader on a member without one (rpctypes.ErrNoLeader). */
    static final String NO_LEADER = "etcdserver: no leader";

    private final io.etcd.jetcd.Watch client;
    private final ByteSequence rangeKey;
    private final ByteSequence rangeEnd;
    private final String keyPrefix;
    private final String prefix;
    private final WatchSession session;
    private final EtcdCompaction compaction;
    private final ScheduledExecutorService retries;
    private volatile long lastRevision;
    private volatile long retryMillis = FIRST_RETRY_MILLIS;
    private volatile Watcher watcher;
    /** Which etcd stream is current; a replaced stream's late callbacks (its close) are ignored. */
    private volatile int generation;
    /** A progress revision of the current stream waiting for the next notification to confirm it; 0: none. */
    private volatile long unconfirmed;

    private EtcdWatch(
            io.etcd.jetcd.Watch client,
            ByteSequence rangeKey,
            ByteSequence rangeEnd,
            String keyPrefix,
            String prefix,
            long afterRevision,
            WatchSession session,
            EtcdCompaction compaction,
            ScheduledExecutorService retries) {
        this.client = client;
        this.rangeKey = rangeKey;
        this.rangeEnd = rangeEnd;
        this.keyPrefix = keyPrefix;
        this.prefix = prefix;
        this.lastRevision = afterRevision;
        this.session = session;
        this.compaction = compaction;
        this.retries = retries;
    }

    /** The etcd range to watch and where the events go; see {@link Store#watch}. */
    record Target(ByteSequence rangeKey, ByteSequence rangeEnd, String keyPrefix, String prefix) {}

    static EtcdWatch start(
            io.etcd.jetcd.Watch client,
            WatchHub hub,
            Target target,
            long afterRevision,
            WatchListener listener,
            EtcdCompaction compaction,
            ScheduledExecutorService retries) {
        WatchSession session = hub.registerFed(target.prefix(), afterRevision, listener);
        EtcdWatch watch = new EtcdWatch(
                client,
                target.rangeKey(),
                target.rangeEnd(),
                target.keyPrefix(),
                target.prefix(),
                afterRevision,
                session,
                compaction,
                retries);
        watch.open();
        session.start(List.of());
        return watch;
    }

    private synchronized void open() {
        if (session.ended()) {
            return;
        }
        int stream = ++generation;
        unconfirmed = 0;
        WatchOption option = WatchOption.builder()
                .withRange(rangeEnd)
                .withRevision(lastRevision + 1)
                .withPrevKV(true)
                // etcd's "hasleader" metadata, as kube-apiserver's WithRequireLeader: a member
                // that lost its leader ends the watch ("etcdserver: no leader") rather than
                // keeping it open and silent while the cluster has no quorum.
                .withRequireLeader(true)
                .build();
        watcher = client.watch(rangeKey, option, new Listener() {
            @Override
            public void onNext(WatchResponse response) {
                if (stream != generation) {
                    return;
                }
                if (response.isProgressNotify()) {
                    progress(stream, response.getHeader().getRevision());
                    return;
                }
                List<StoreEvent> events = events(response, keyPrefix);
                if (!events.isEmpty()) {
                    lastRevision = events.get(events.size() - 1).revision();
                    retryMillis = FIRST_RETRY_MILLIS;
                }
                session.offer(events);
                if (session.ended()) {
                    // Ended by the session (listener failed or fell behind): it reports that
                    // itself; only the etcd stream has to go. Not from here: closing jetcd's
                    // watcher waits for this very event-loop thread (a hang, seen once).
                    generation++;
                    try {
                        retries.execute(EtcdWatch.this::closeWatcher);
                    } catch (RejectedExecutionException e) {
                        // the store is closing, and closes its client with every stream
                    }
                }
            }

            @Override
            public void onError(Throwable error) {
                broken(stream, error);
            }

            @Override
            public void onCompleted() {
                broken(stream, null);
            }
        });
    }

    /** A progress notification of {@code stream}: confirms the previous one, or asks for its confirmation. */
    private void progress(int stream, long revision) {
        long first = unconfirmed;
        if (first == 0) {
            unconfirmed = revision;
            try {
                retries.execute(() -> {
                    if (stream == generation) {
                        requestProgress();
                    }
                });
            } catch (RejectedExecutionException e) {
                // the store is closing
            }
            return;
        }
        unconfirmed = 0;
        lastRevision = Math.max(lastRevision, first);
        session.offerProgress(first);
    }

    @Override
    public void requestProgress() {
        Watcher w = watcher;
        if (w != null && !session.ended()) {
            w.requestProgress();
        }
    }

    private synchronized void broken(int stream, Throwable error) {
        if (stream != generation) {
            return;
        }
        generation++; // this stream is over: nothing more from it counts
        if (error instanceof io.etcd.jetcd.common.exception.CompactedException c) {
            compaction.learned(c.getCompactedRevision());
            session.fail(new CompactedException(lastRevision, c.getCompactedRevision()));
            return;
        }
        if (session.ended()) {
            return;
        }
        if (noLeader(error)) {
            // Not resumed here: the listener learns the store is unavailable and decides (the
            // API server's cache ends its client watches and follows again once etcd answers).
            LOG.info("etcd watch on {} ended after revision {}: the member lost its leader", prefix, lastRevision);
            session.fail(new StoreUnavailableException(
                    "etcd lost its leader (no quorum) while watching " + prefix + " after revision " + lastRevision
                            + ": " + error.getMessage(),
                    error));
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, delay * 2);
        LOG.info(
                "etcd watch on {} broke after revision {} ({}); resuming in {} ms",
                prefix,
                lastRevision,
                error == null ? "stream ended" : error.getMessage(),
                delay);
        try {
            retries.schedule(this::reopen, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            session.fail(new StoreException("store is closed"));
        }
    }

    /** Whether a watch ended because its member has no leader (etcd's ErrGRPCNoLeader, asked for by require-leader). */
    static boolean noLeader(Throwable error) {
        if (error == null) {
            return false;
        }
        io.grpc.Status status = io.grpc.Status.fromThrowable(error);
        if (io.etcd.jetcd.support.Errors.isNoLeaderError(status)) {
            return true;
        }
        return String.valueOf(error.getMessage()).contains(NO_LEADER);
    }

    private synchronized void reopen() {
        Watcher old = watcher;
        if (old != null) {
            old.close();
        }
        open();
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
        closeWatcher();
    }

    private void closeWatcher() {
        Watcher w = watcher;
        if (w != null) {
            w.close();
        }
    }
}
