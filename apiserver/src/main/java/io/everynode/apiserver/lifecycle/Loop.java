package io.everynode.apiserver.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded work loop over de-duplicated keys (the work-queue idiom): handlers enqueue
 * keys from any thread; one daemon thread calls {@code sync(key)}, which must be safe to repeat.
 * A key that fails is retried after a short pause. {@link #enqueueAt} holds a key back until an
 * instant of the injected clock (looked at least once a second, so a manual clock works too).
 */
final class Loop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    private final Set<String> pending = new LinkedHashSet<>();
    /** Keys held back, with when they become due; guarded by {@code pending}. */
    private final Map<String, Instant> delayed = new HashMap<>();

    private final Consumer<String> sync;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closed;
    private volatile AutoCloseable source;

    Loop(String name, Consumer<String> sync) {
        this(name, sync, Clock.systemUTC());
    }

    Loop(String name, Consumer<String> sync, Clock clock) {
        this.sync = sync;
        this.clock = clock;
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

    /** Enqueues {@code key} once the clock reaches {@code due} (the earliest wins if held twice). */
    void enqueueAt(String key, Instant due) {
        synchronized (pending) {
            delayed.merge(key, due, (a, b) -> a.isBefore(b) ? a : b);
            pending.notifyAll();
        }
    }

    /** Moves due keys to pending; answers how long to wait for the next one (at most a second). */
    private long promoteDue() {
        Instant now = clock.instant();
        long wait = 1000;
        for (Iterator<Map.Entry<String, Instant>> it = delayed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            long ms = Duration.between(now, e.getValue()).toMillis();
            if (ms <= 0) {
                pending.add(e.getKey());
                it.remove();
            } else {
                wait = Math.min(wait, ms);
            }
        }
        return wait;
    }

    private void run() {
        while (!closed) {
            String key;
            synchronized (pending) {
                long wait = promoteDue();
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait(wait);
                        wait = promoteDue();
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
