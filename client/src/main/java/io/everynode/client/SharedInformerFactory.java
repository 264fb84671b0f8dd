package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One informer per kind (across all namespaces), shared by every controller that asks, so a
 * process lists and watches each kind once. Ask for informers, add handlers, then
 * {@link #start()}; informers asked for later need another {@code start()}.
 */
public final class SharedInformerFactory implements AutoCloseable {
    private final KubeClient client;
    private final Map<Class<?>, Informer<?>> informers = new LinkedHashMap<>();
    private boolean closed;

    public SharedInformerFactory(KubeClient client) {
        this.client = client;
    }

    /** The shared informer of {@code kind}, created on first request (not yet started). */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> Informer<T> informerFor(Class<T> kind) {
        if (closed) throw new IllegalStateException("the factory is closed");
        return (Informer<T>) informers.computeIfAbsent(kind, k -> new Informer<>(client, kind, null));
    }

    /** Starts every informer not yet started. */
    public synchronized void start() {
        if (closed) throw new IllegalStateException("the factory is closed");
        for (Informer<?> i : informers.values()) i.start();
    }

    /** Waits until every informer created so far has synced; false when the timeout passed first. */
    public boolean waitForCacheSync(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Informer<?> i : snapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && !i.hasSynced()) return false;
            if (!i.awaitSynced(Duration.ofNanos(Math.max(0, left)))) return false;
        }
        return true;
    }

    private synchronized List<Informer<?>> snapshot() {
        return new ArrayList<>(informers.values());
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Informer<?> i : informers.values()) i.close();
    }
}
