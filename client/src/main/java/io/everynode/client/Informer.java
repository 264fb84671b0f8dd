package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local copy of one kind (in one namespace, or all) in step with the API: lists, then
 * watches from the list's resourceVersion, as client-go's reflector does.
 *
 * <ul>
 *   <li>When the server ends a watch normally (its timeout), the informer watches again from the
 *       last resourceVersion it saw: nothing is missed or repeated.</li>
 *   <li>When a watch cannot be opened or its connection breaks (the server went away), the
 *       informer waits its retry delay and watches again from the last resourceVersion, as
 *       client-go's reflector does; with a {@link FailoverTransport} that watch goes to the next
 *       server.</li>
 *   <li>When a watch is refused with 410 Gone or another API error, the informer lists again and
 *       tells its handlers the differences between its cache and the new list as adds, updates
 *       and deletes, so handlers stay correct across the gap.</li>
 * </ul>
 *
 * <p>Threading: one thread per informer lists and opens watches; each watch's events arrive on
 * that watch's thread. Cache changes and handler calls happen under one lock, so handlers are
 * called one at a time, in order, after the cache holds the change. {@link #lister()} may be read
 * from any thread.
 */
public final class Informer<T extends HasMetadata> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);

    private final KubeClient client;
    private final Class<T> kind;
    private final String namespace;
    private final ListOptions selectors;
    private final IndexedCache<T> cache = new IndexedCache<>();
    private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    /** Serialises cache changes with handler calls (see the class comment). */
    private final ReentrantLock delivery = new ReentrantLock();

    private final CountDownLatch synced = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile WatchHandle current;
    /** The last resourceVersion seen, from the list or an event; written under {@link #delivery}. */
    private volatile String resourceVersion;

    private volatile long relists;

    /** An informer on all objects of {@code kind} in {@code namespace} (null: all namespaces). */
    public Informer(KubeClient client, Class<T> kind, String namespace) {
        this(client, kind, namespace, null);
    }

    /**
     * An informer restricted by the label and field selectors of {@code selectors} (null: none);
     * its other fields are ignored.
     */
    public Informer(KubeClient client, Class<T> kind, String namespace, ListOptions selectors) {
        this.client = Objects.requireNonNull(client);
        this.kind = Objects.requireNonNull(kind);
        this.namespace = namespace;
        this.selectors = selectors;
        client.type(kind); // fail now for a kind the API does not serve
        this.thread = new Thread(this::run, "informer-" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
    }

    /**
     * Adds a secondary index, e.g. pods by {@code spec.nodeName}; query it with
     * {@link Lister#byIndex}. May be called at any time; the index is filled from the cache.
     */
    public void addIndex(String name, Function<T, Collection<String>> indexFunction) {
        cache.addIndex(name, indexFunction);
    }

    /** Adds {@link ResourceEventHandler#onAnyChange(Consumer)}: {@code action} on every add, update and delete. */
    public void onAnyChange(Consumer<? super T> action) {
        addEventHandler(ResourceEventHandler.onAnyChange(action));
    }

    /**
     * Adds a handler. One added after objects are cached is first told of each of them as an add,
     * so every handler sees every object.
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        delivery.lock();
        try {
            for (T o : cache.list()) call(() -> handler.onAdd(o));
            handlers.add(handler);
        } finally {
            delivery.unlock();
        }
    }

    public Lister<T> lister() {
        return cache;
    }

    /** Starts listing and watching; idempotent. */
    public synchronized void start() {
        if (started || closed) return;
        started = true;
        thread.start();
    }

    /** True once the first list is in the cache (and handlers were told of it). */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits until {@link #hasSynced()}; answers false when the timeout passed first. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times the informer listed after its first list (a measure for tests and metrics). */
    public long relists() {
        return relists;
    }

    @Override
    public void close() {
        closed = true;
        stopped.countDown();
        WatchHandle w = current;
        if (w != null) w.close();
        thread.interrupt();
    }

    // ---- the loop ----------------------------------------------------------------------------

    private void run() {
        boolean needList = true;
        while (!closed) {
            try {
                if (needList) {
                    relist();
                    needList = false;
                }
                needList = watchUntilEnd();
            } catch (ApiError e) {
                if (closed) return;
                LOG.warn("{} informer: {} ({}); listing again", kind.getSimpleName(), e.getMessage(), e.code());
                needList = true;
                if (!e.isGone()) pause();
            } catch (RuntimeException e) { // UncheckedIOException included: the server was not reached
                if (closed) return;
                // As client-go's reflector: a watch that could not be opened or whose connection
                // broke is opened again from the last resourceVersion (through whichever server
                // the transport reaches by then), not relisted: a 410 then asks for the relist.
                // A list that failed is tried again (needList is still true).
                LOG.warn(
                        "{} informer: {}; {}",
                        kind.getSimpleName(),
                        e.toString(),
                        needList ? "listing again" : "watching again from resourceVersion " + resourceVersion);
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Opens a watch from the last resourceVersion and waits for it to end. Answers whether the
     * informer must list again: false after a normal end (resume), true after an error.
     */
    private boolean watchUntilEnd() throws InterruptedException {
        CompletableFuture<Exception> ended = new CompletableFuture<>();
        ListOptions opts = new ListOptionsBuilder()
                .withLabelSelector(selectors == null ? null : selectors.getLabelSelector())
                .withFieldSelector(selectors == null ? null : selectors.getFieldSelector())
                .withResourceVersion(resourceVersion)
                .withTimeoutSeconds(client.config().informerWatchTimeout().toSeconds())
                .withAllowWatchBookmarks(true)
                .build();
        WatchHandle w = client.watch(kind, namespace, opts, new Watcher<>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                apply(event);
            }

            @Override
            public void onClose(Exception cause) {
                ended.complete(cause);
            }
        });
        current = w;
        if (closed) w.close();
        Exception cause;
        try {
            cause = ended.get();
        } catch (ExecutionException e) {
            cause = (Exception) e.getCause();
        } finally {
            current = null;
            w.close();
        }
        if (cause == null) return false;
        if (cause instanceof ApiError e) throw e;
        throw new IllegalStateException("the watch failed: " + cause, cause);
    }

    /** Lists, then reconciles the cache with the list and tells handlers the differences. */
    private void relist() {
        ObjectList<T> list = client.list(kind, namespace, selectors);
        delivery.lock();
        try {
            Map<String, T> fresh = new HashMap<>();
            for (T o : list.items()) fresh.put(Lister.key(o), o);
            for (String key : cache.keys()) {
                if (!fresh.containsKey(key)) {
                    T old = cache.remove(key);
                    for (ResourceEventHandler<T> h : handlers) call(() -> h.onDelete(old));
                }
            }
            for (T o : list.items()) {
                T old = cache.put(o);
                if (old == null) {
                    for (ResourceEventHandler<T> h : handlers) call(() -> h.onAdd(o));
                } else if (!Objects.equals(rv(old), rv(o))) {
                    for (ResourceEventHandler<T> h : handlers) call(() -> h.onUpdate(old, o));
                }
            }
            resourceVersion = list.resourceVersion();
            if (hasSynced()) relists++;
        } finally {
            delivery.unlock();
        }
        synced.countDown();
    }

    /** One watch event into the cache, then to the handlers. */
    private void apply(WatchEvent<T> event) {
        T obj = event.object();
        delivery.lock();
        try {
            if (closed) return;
            switch (event.type()) {
                case BOOKMARK -> {}
                case ADDED, MODIFIED -> {
                    T old = cache.put(obj);
                    for (ResourceEventHandler<T> h : handlers) {
                        if (old == null) call(() -> h.onAdd(obj));
                        else call(() -> h.onUpdate(old, obj));
                    }
                }
                case DELETED -> {
                    T old = cache.remove(Lister.key(obj));
                    if (old != null) for (ResourceEventHandler<T> h : handlers) call(() -> h.onDelete(obj));
                }
            }
            String rv = rv(obj);
            if (rv != null && !rv.isEmpty()) resourceVersion = rv;
        } finally {
            delivery.unlock();
        }
    }

    private static String rv(HasMetadata o) {
        return o.getMetadata() == null ? null : o.getMetadata().getResourceVersion();
    }

    /** A handler's failure is its own: logged, and the other handlers still run. */
    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("{} informer: an event handler failed", kind.getSimpleName(), e);
        }
    }

    private void pause() {
        try {
            stopped.await(client.config().informerRetryDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
