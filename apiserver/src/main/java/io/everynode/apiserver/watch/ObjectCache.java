package io.everynode.apiserver.watch;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.encryption.EncryptionException;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.store.KeyValue;
import io.everynode.store.ListResult;
import io.everynode.store.Store;
import io.everynode.store.StoreEvent;
import io.everynode.store.StoreUnavailableException;
import io.everynode.store.Watch;
import io.everynode.store.WatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's watch cache: the current objects of every served resource, decoded once, plus
 * a window of recent changes so that watches can start from a recent resourceVersion.
 *
 * <p>It follows the store with one watch over {@code /registry/}. A read that must see the latest
 * state ({@link #sync}) reads the store's revision and waits until the cache has reached it,
 * asking the watch for progress meanwhile: writes outside {@code /registry/} (another program on
 * the same etcd) raise the revision without an event, and the progress answer says the cache is
 * complete up to it (upstream's consistent reads from cache, KEP-2340).
 *
 * <p>When that watch ends with an error (its revision was compacted during a long store outage,
 * it fell too far behind, the store went away) the cache lists the store again ({@link Relister}),
 * replaces its contents, and follows from the new revision. If the revision moved meanwhile,
 * changes were lost: client watches ({@link #subscribe(long, Consumer, Consumer)}) are ended with
 * 410 Gone, so their clients list again, while the server's own followers get the difference as
 * events and stay subscribed.
 *
 * <p>When that watch ends because the store lost its quorum (etcd's "no leader", a
 * {@link StoreUnavailableException}), nothing was lost, but the cache cannot tell how far the store
 * has moved: as upstream's cacher does, it ends every client watch at once (the stream closes, and
 * clients watch again from the last resourceVersion they saw) and refuses new client watches with
 * 429 "storage is (re)initializing" until it follows the store again. It resumes its store watch
 * from its own revision as soon as the store answers (no relist, so clients resume without 410
 * unless the store compacted their revision meanwhile, which ends that watch as above).
 *
 * <p>Threading: the store's watch thread is the only writer; readers take snapshots. Subscribers
 * are called on that thread and must not block (they queue).
 */
public final class ObjectCache implements AutoCloseable {
    /** How many recent changes a watch can start from; older resourceVersions are 410 Gone. */
    static final int WINDOW = 50_000;
    /** How long a consistent read waits for the latest revision before answering 504. */
    static final Duration SYNC_LIMIT = Duration.ofSeconds(10);
    /** How long it waits for an answer to one progress request before asking again. */
    static final Duration PROGRESS_WAIT = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCache.class);

    private final Store store;
    /** Where a key's type comes from: asked per event, so types served later are found. */
    private final Function<String, ResourceType> types;
    /** Stored bytes to object bytes (decryption at rest); every object enters the cache through it. */
    private final ValueTransformer transformer;
    /** Objects by store bucket ({@link ResourceType#keyPrefix()}), whatever type is served there now. */
    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> objects = new ConcurrentHashMap<>();

    private final Deque<CacheEvent> window = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile long revision;
    private volatile long oldestWatchable;
    /**
     * Keys whose value at the start revision the encryption configuration can no longer read (a
     * dropped key; a later write replaced it, or the server would not have started): watches
     * cannot start before their next change.
     */
    private final Set<String> unreadableHistory = ConcurrentHashMap.newKeySet();

    private volatile Watch watch;
    private final Relister relister;
    private volatile boolean closed;
    /** False from a store watch ending with the store unavailable until the cache follows again. */
    private volatile boolean following = true;
    /** Whether the next recovery must list the store (changes may be lost), not only resume the watch. */
    private volatile boolean relistNeeded;

    /**
     * A subscription: its events, and for a client watch what ends it when the cache cannot
     * serve it any more (null: a follower inside the server, given the difference instead).
     */
    private static final class Subscriber {
        final Consumer<CacheEvent> events;
        final Consumer<ApiException> expired;
        /** Ends a client watch cleanly (its client watches again from where it was); null for a follower. */
        final Runnable ended;

        Subscriber(Consumer<CacheEvent> events, Consumer<ApiException> expired, Runnable ended) {
            this.events = events;
            this.expired = expired;
            this.ended = ended;
        }
    }

    /**
     * @param types the type served at a store key, or null when none is (yet): objects of such
     *     keys are kept, so a type served later (a custom resource definition established after a
     *     restart) finds its objects, but their changes reach no subscriber
     */
    public ObjectCache(Store store, Function<String, ResourceType> types) {
        this(store, types, ValueTransformer.NONE);
    }

    /** @param transformer how stored values become object bytes (see {@link ValueTransformer}) */
    public ObjectCache(Store store, Function<String, ResourceType> types, ValueTransformer transformer) {
        this.store = store;
        this.types = types;
        this.transformer = transformer;
        // Start from the oldest revision the store still has (bounded by the window) and replay
        // the log from there, so that after a restart a watch can resume from a resourceVersion
        // a client saw before it, instead of getting 410 Gone.
        long start = Math.max(1, Math.max(store.compactRevision(), store.currentRevision() - WINDOW));
        ListResult all = store.list("/registry/", start);
        for (KeyValue kv : all.items()) {
            String bucket = ResourceType.bucketOf(kv.key());
            if (bucket == null) continue;
            try {
                bucket(bucket).put(kv.key(), decode(kv.key(), kv.value(), kv.modRevision()));
            } catch (EncryptionException e) {
                unreadableHistory.add(kv.key());
            }
        }
        revision = all.revision();
        oldestWatchable = all.revision();
        relister = new Relister(this::recover);
        watch = follow(all.revision());
    }

    private Watch follow(long from) {
        return store.watch("/registry/", from, new WatchListener() {
            @Override
            public void onEvent(StoreEvent event) {
                apply(event);
            }

            @Override
            public void onProgress(long rev) {
                advance(rev);
            }

            @Override
            public void onError(RuntimeException error) {
                if (closed) return;
                if (error instanceof StoreUnavailableException) {
                    storeLost(error);
                } else {
                    LOG.warn("the watch cache's store watch ended ({}); listing again", error.getMessage());
                    relistNeeded = true;
                }
                relister.start();
            }
        });
    }

    /**
     * The store watch ended with the store unavailable: client watches end now (not silent for
     * the length of the outage), and new ones are refused until {@link #resume} or {@link #relist}.
     */
    private void storeLost(RuntimeException error) {
        LOG.warn(
                "the watch cache's store watch ended at revision {} ({}); ending client watches until the store answers",
                revision,
                error.getMessage());
        lock.lock();
        try {
            following = false;
            for (Subscriber s : subscribers) {
                if (s.ended == null) continue;
                subscribers.remove(s);
                s.ended.run();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the cache follows the store now (false while the store is lost, until it answers again). */
    public boolean following() {
        return following;
    }

    /** The Relister's task: resume the store watch when nothing was lost, else list again. */
    private void recover() {
        if (relistNeeded) relist();
        else resume();
    }

    /** Follows the store again from the cache's revision, once it answers; throws while it does not. */
    private void resume() {
        if (closed) return;
        store.currentRevision(); // throws while the store is unavailable, and the Relister tries again
        lock.lock();
        try {
            watch.close(); // ended already; closing twice is harmless
            if (!closed) watch = follow(revision);
            following = true;
        } finally {
            lock.unlock();
        }
        LOG.info("the watch cache follows the store again from revision {}", revision);
    }

    /** 429 for a client watch while the cache does not follow the store, as upstream's cacher answers. */
    private void checkFollowing() {
        if (!following) {
            ObjectNode details = Json.object();
            details.put("retryAfterSeconds", 1);
            throw Statuses.failure(429, "TooManyRequests", "storage is (re)initializing", details);
        }
    }

    /** The newest revision the cache reflects. */
    public long revision() {
        return revision;
    }

    /** Waits until the cache reflects at least {@code rev} (bounded; 504-style error after 10 s). */
    public void awaitRevision(long rev) {
        if (!awaitRevision(rev, Duration.ofSeconds(10))) {
            throw Statuses.failure(
                    504, "Timeout", "Timeout: Too large resource version: " + rev + ", current: " + revision, null);
        }
    }

    /** Waits up to {@code limit} until the cache reflects at least {@code rev}; false when it did not. */
    public boolean awaitRevision(long rev, Duration limit) {
        if (revision >= rev) return true;
        lock.lock();
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            while (revision < rev) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Statuses.internal("interrupted");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the cache to catch up with the store, as a consistent read must: until it
     * reflects the store's revision of now, by events or by the watch's progress answers.
     *
     * @throws io.everynode.apiserver.errors.ApiException 504 Timeout after {@link #SYNC_LIMIT}
     */
    public void sync() {
        long target = store.currentRevision();
        if (revision >= target) return;
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        while (true) {
            try {
                watch.requestProgress();
            } catch (RuntimeException e) {
                LOG.debug("progress request failed", e);
            }
            if (awaitRevision(target, PROGRESS_WAIT)) return;
            if (System.nanoTime() - deadline >= 0) {
                throw Statuses.failure(
                        504,
                        "Timeout",
                        "Timeout: Too large resource version: " + target + ", current: " + revision,
                        null);
            }
        }
    }

    /** The watch said it delivered everything up to {@code rev}: the cache reflects it. */
    private void advance(long rev) {
        lock.lock();
        try {
            if (rev > revision) {
                revision = rev;
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current objects of a resource under a store prefix (shared: do not mutate). */
    public Collection<ObjectNode> list(ResourceType type, String prefix) {
        return bucket(type.keyPrefix())
                .subMap(prefix, prefix + Character.MAX_VALUE)
                .values();
    }

    public ObjectNode get(ResourceType type, String key) {
        return bucket(type.keyPrefix()).get(key);
    }

    private ConcurrentSkipListMap<String, ObjectNode> bucket(String keyPrefix) {
        return objects.computeIfAbsent(keyPrefix, k -> new ConcurrentSkipListMap<>());
    }

    /**
     * Registers a follower for changes after {@code afterRevision}, first replaying the window.
     * When the cache is relisted after its store watch failed, the follower gets the difference
     * as events (see the class comment). Returns a handle that unsubscribes.
     *
     * @throws io.everynode.apiserver.errors.ApiException 410 Gone when the revision is older than the window
     */
    public AutoCloseable subscribe(long afterRevision, Consumer<CacheEvent> subscriber) {
        return register(afterRevision, new Subscriber(subscriber, null, null));
    }

    /**
     * Registers a client watch: like {@link #subscribe(long, Consumer)}, but when the cache is
     * relisted and changes were lost, {@code expired} gets the 410 Gone to end the watch with,
     * once, and no event follows; when the store is lost (see the class comment) {@code ended}
     * runs once instead, and no event follows.
     *
     * @throws io.everynode.apiserver.errors.ApiException 429 while the cache does not follow the store
     */
    public AutoCloseable subscribe(
            long afterRevision, Consumer<CacheEvent> events, Consumer<ApiException> expired, Runnable ended) {
        return register(afterRevision, new Subscriber(events, expired, ended));
    }

    private AutoCloseable register(long afterRevision, Subscriber subscriber) {
        Consumer<CacheEvent> events = subscriber.events;
        lock.lock();
        try {
            if (subscriber.ended != null) checkFollowing();
            if (afterRevision < oldestWatchable) {
                throw Statuses.gone("too old resource version: " + afterRevision + " (" + oldestWatchable + ")");
            }
            for (CacheEvent e : window) if (e.revision() > afterRevision) events.accept(e);
            subscribers.add(subscriber);
        } finally {
            lock.unlock();
        }
        return () -> subscribers.remove(subscriber);
    }

    /** The objects of a resource under a store prefix at one revision (shared: do not mutate). */
    public record Listing(java.util.List<ObjectNode> items, long revision) {}

    /** The objects of {@code type} under {@code prefix} as of the cache's revision now, taken atomically. */
    public Listing snapshot(ResourceType type, String prefix) {
        lock.lock();
        try {
            return new Listing(new java.util.ArrayList<>(list(type, prefix)), revision);
        } finally {
            lock.unlock();
        }
    }

    /** The objects under a prefix at one revision, and a subscription to every change after it. */
    public record Snapshot(java.util.List<ObjectNode> items, long revision, AutoCloseable subscription) {}

    /**
     * Atomically takes the current objects of {@code type} under {@code prefix} and subscribes for
     * changes after them, so that a watch with initial events misses nothing and repeats nothing.
     */
    public Snapshot snapshotAndSubscribe(ResourceType type, String prefix, Consumer<CacheEvent> subscriber) {
        return snapshot(type, prefix, new Subscriber(subscriber, null, null), true);
    }

    /**
     * The same for a client watch (see {@link #subscribe(long, Consumer, Consumer, Runnable)}),
     * after {@link #sync} when {@code consistent}, else at the cache's revision of now.
     */
    public Snapshot snapshotAndSubscribe(
            ResourceType type,
            String prefix,
            Consumer<CacheEvent> events,
            Consumer<ApiException> expired,
            Runnable ended,
            boolean consistent) {
        return snapshot(type, prefix, new Subscriber(events, expired, ended), consistent);
    }

    private Snapshot snapshot(ResourceType type, String prefix, Subscriber subscriber, boolean consistent) {
        if (subscriber.ended != null) checkFollowing();
        if (consistent) sync();
        lock.lock();
        try {
            if (subscriber.ended != null) checkFollowing();
            java.util.List<ObjectNode> items = new java.util.ArrayList<>(list(type, prefix));
            long rev = revision;
            subscribers.add(subscriber);
            return new Snapshot(items, rev, () -> subscribers.remove(subscriber));
        } finally {
            lock.unlock();
        }
    }

    private void apply(StoreEvent event) {
        String bucket = ResourceType.bucketOf(event.key());
        ResourceType type = bucket == null ? null : types.apply(event.key());
        lock.lock();
        try {
            ObjectNode obj = bucket == null ? null : decodeEvent(event);
            if (obj != null) {
                Map<String, ObjectNode> map = bucket(bucket);
                CacheEvent ce;
                if (event instanceof StoreEvent.Put) {
                    ObjectNode prev = map.put(event.key(), obj);
                    ce = new CacheEvent(
                            prev == null ? CacheEvent.Type.ADDED : CacheEvent.Type.MODIFIED,
                            type,
                            event.key(),
                            obj,
                            prev,
                            event.revision());
                } else {
                    ObjectNode prev = map.remove(event.key());
                    ce = new CacheEvent(CacheEvent.Type.DELETED, type, event.key(), obj, prev, event.revision());
                }
                if (type != null) {
                    window.addLast(ce);
                    while (window.size() > WINDOW)
                        oldestWatchable = window.removeFirst().revision();
                    for (Subscriber s : subscribers) s.events.accept(ce);
                }
            }
            revision = Math.max(revision, event.revision());
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The object of {@code event} (the new one of a put, the last one of a delete), or null for a
     * change of the log's history that the encryption configuration can no longer read (written
     * under a key since dropped, and replaced by a later write): it is left out of the window,
     * and watches from before it are answered 410 Gone, so their clients list again.
     */
    private ObjectNode decodeEvent(StoreEvent event) {
        ObjectNode obj = null;
        try {
            obj = event instanceof StoreEvent.Put put
                    ? decode(event.key(), put.kv().value(), put.revision())
                    : decode(
                            event.key(), ((StoreEvent.Deleted) event).previous().value(), event.revision());
        } catch (EncryptionException e) {
            bucket(ResourceType.bucketOf(event.key())).remove(event.key());
        }
        if (obj == null || unreadableHistory.remove(event.key()))
            oldestWatchable = Math.max(oldestWatchable, event.revision());
        return obj;
    }

    private ObjectNode decode(String key, byte[] stored, long revision) {
        return decode(transformer.fromStorage(key, stored).value(), revision);
    }

    /** Decodes stored bytes and stamps the resourceVersion (the store revision, never stored inside). */
    public static ObjectNode decode(byte[] value, long revision) {
        ObjectNode obj = (ObjectNode) Json.parse(value);
        Json.child(obj, "metadata").put("resourceVersion", Long.toString(revision));
        return obj;
    }

    /**
     * Lists the store again and follows it from there (see the class comment); throws when the
     * store cannot be read, and {@link Relister} tries again.
     */
    private void relist() {
        if (closed) return;
        ListResult all = store.list("/registry/", 0);
        Map<String, Map<String, ObjectNode>> fresh = new HashMap<>();
        for (KeyValue kv : all.items()) {
            String bucket = ResourceType.bucketOf(kv.key());
            if (bucket == null) continue;
            try {
                fresh.computeIfAbsent(bucket, b -> new HashMap<>())
                        .put(kv.key(), decode(kv.key(), kv.value(), kv.modRevision()));
            } catch (EncryptionException e) {
                LOG.warn("cannot decrypt {}; left out of the cache", kv.key());
            }
        }
        lock.lock();
        try {
            long before = revision;
            if (all.revision() > before) {
                replace(fresh, all.revision());
                window.clear();
                oldestWatchable = all.revision();
                revision = all.revision();
                ApiException gone = Statuses.gone("too old resource version: " + before + " (" + all.revision() + ")");
                for (Subscriber s : subscribers) {
                    if (s.expired == null) continue;
                    subscribers.remove(s);
                    s.expired.accept(gone);
                }
                advanced.signalAll();
            }
            watch.close(); // ended already; closing twice is harmless
            if (!closed) watch = follow(Math.max(before, all.revision()));
            relistNeeded = false;
            following = true;
        } finally {
            lock.unlock();
        }
        LOG.info("the watch cache follows the store again from revision {}", revision);
    }

    /** Makes the contents {@code fresh}, telling followers each difference as an event at {@code rev}. */
    private void replace(Map<String, Map<String, ObjectNode>> fresh, long rev) {
        Set<String> buckets = new HashSet<>(objects.keySet());
        buckets.addAll(fresh.keySet());
        List<CacheEvent> changes = new ArrayList<>();
        for (String b : buckets) {
            ConcurrentSkipListMap<String, ObjectNode> current = bucket(b);
            Map<String, ObjectNode> now = fresh.getOrDefault(b, Map.of());
            for (Map.Entry<String, ObjectNode> old : current.entrySet()) {
                if (now.containsKey(old.getKey())) continue;
                current.remove(old.getKey());
                ObjectNode last = old.getValue().deepCopy();
                Json.child(last, "metadata").put("resourceVersion", Long.toString(rev));
                changes.add(change(CacheEvent.Type.DELETED, old.getKey(), last, old.getValue(), rev));
            }
            for (Map.Entry<String, ObjectNode> e : now.entrySet()) {
                ObjectNode prev = current.put(e.getKey(), e.getValue());
                if (prev == null) changes.add(change(CacheEvent.Type.ADDED, e.getKey(), e.getValue(), null, rev));
                else if (!rv(prev).equals(rv(e.getValue())))
                    changes.add(change(CacheEvent.Type.MODIFIED, e.getKey(), e.getValue(), prev, rev));
            }
        }
        for (CacheEvent ce : changes) {
            if (ce.resource() == null) continue;
            for (Subscriber s : subscribers) if (s.expired == null) s.events.accept(ce);
        }
    }

    private CacheEvent change(CacheEvent.Type kind, String key, ObjectNode obj, ObjectNode prev, long rev) {
        return new CacheEvent(kind, types.apply(key), key, obj, prev, rev);
    }

    private static String rv(ObjectNode obj) {
        return obj.path("metadata").path("resourceVersion").asString("");
    }

    @Override
    public void close() {
        closed = true;
        relister.close();
        watch.close();
    }

    /** For tests and metrics: how many objects of a type are cached. */
    public int size(ResourceType type) {
        return bucket(type.keyPrefix()).size();
    }
}
