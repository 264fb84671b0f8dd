package io.everynode.apiserver.watch;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.encryption.EncryptionException;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.store.KeyValue;
import io.everynode.store.ListResult;
import io.everynode.store.Store;
import io.everynode.store.StoreEvent;
import io.everynode.store.Watch;
import io.everynode.store.WatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's watch cache: the current objects of every served resource, decoded once, plus
 * a window of recent changes so that watches can start from a recent resourceVersion.
 *
 * <p>It follows the store with one watch over {@code /registry/}. Since every write of the API
 * lands under that prefix, the cache's revision reaches any store revision that exists; a read
 * that must see the latest state first waits for {@link #awaitRevision}.
 *
 * <p>Threading: the store's watch thread is the only writer; readers take snapshots. Subscribers
 * are called on that thread and must not block (they queue).
 */
public final class ObjectCache implements AutoCloseable {
    /** How many recent changes a watch can start from; older resourceVersions are 410 Gone. */
    static final int WINDOW = 50_000;

    private final Store store;
    /** Where a key's type comes from: asked per event, so types served later are found. */
    private final Function<String, ResourceType> types;
    /** Stored bytes to object bytes (decryption at rest); every object enters the cache through it. */
    private final ValueTransformer transformer;
    /** Objects by store bucket ({@link ResourceType#keyPrefix()}), whatever type is served there now. */
    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> objects = new ConcurrentHashMap<>();

    private final Deque<CacheEvent> window = new ArrayDeque<>();
    private final Set<Consumer<CacheEvent>> subscribers = new CopyOnWriteArraySet<>();
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

    private final Watch watch;

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
        watch = store.watch("/registry/", all.revision(), new WatchListener() {
            @Override
            public void onEvent(StoreEvent event) {
                apply(event);
            }
        });
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

    /** Waits for the cache to catch up with the store, as a consistent read must. */
    public void sync() {
        awaitRevision(store.currentRevision());
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
     * Registers {@code subscriber} for changes after {@code afterRevision}, first replaying the
     * window. Returns a handle that unsubscribes.
     *
     * @throws io.everynode.apiserver.errors.ApiException 410 Gone when the revision is older than the window
     */
    public AutoCloseable subscribe(long afterRevision, Consumer<CacheEvent> subscriber) {
        lock.lock();
        try {
            if (afterRevision < oldestWatchable) {
                throw Statuses.gone("too old resource version: " + afterRevision + " (" + oldestWatchable + ")");
            }
            for (CacheEvent e : window) if (e.revision() > afterRevision) subscriber.accept(e);
            subscribers.add(subscriber);
        } finally {
            lock.unlock();
        }
        return () -> subscribers.remove(subscriber);
    }

    /** The objects under a prefix at one revision, and a subscription to every change after it. */
    public record Snapshot(java.util.List<ObjectNode> items, long revision, AutoCloseable subscription) {}

    /**
     * Atomically takes the current objects of {@code type} under {@code prefix} and subscribes for
     * changes after them, so that a watch with initial events misses nothing and repeats nothing.
     */
    public Snapshot snapshotAndSubscribe(ResourceType type, String prefix, Consumer<CacheEvent> subscriber) {
        sync();
        lock.lock();
        try {
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
                    for (Consumer<CacheEvent> s : subscribers) s.accept(ce);
                }
            }
            revision = event.revision();
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

    @Override
    public void close() {
        watch.close();
    }

    /** For tests and metrics: how many objects of a type are cached. */
    public int size(ResourceType type) {
        return bucket(type.keyPrefix()).size();
    }
}
