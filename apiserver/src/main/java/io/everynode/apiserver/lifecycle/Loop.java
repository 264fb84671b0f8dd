package io.everynode.apiserver.lifecycle;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded work loop over de-duplicated keys (the work-queue idiom): handlers enqueue
 * keys from any thread; one daemon thread calls {@code sync(key)}, which must be safe to repeat.
 * A key that fails is retried after a short pause.
 */
final class Loop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    private final Set<String> pending = new LinkedHashSet<>();
    private final Consumer<String> sync;
    private final Thread thread;
    private volatile boolean closed;
    private volatile AutoCloseable source;

    Loop(String name, Consumer<String> sync) {
        this.sync = sync;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the worker; {@code source} (the subscription feeding this loop) is closed with it. */
    void start(AutoCloseable source) {
        this.source = source;
        thread.start();
    }

    void enqueue(String key) {
        synchronized (pending) {
            pending.add(key);
            pending.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            String key;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                key = pending.iterator().next();
                pending.remove(key);
            }
            try {
                sync.accept(key);
            } catch (RuntimeException e) {
                if (closed) return;
                LOG.warn("{}: sync of {} failed, will retry: {}", thread.getName(), key, e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
                enqueue(key);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            if (source != null) source.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }
}
