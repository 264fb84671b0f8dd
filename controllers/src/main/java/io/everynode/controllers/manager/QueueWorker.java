package io.everynode.controllers.manager;

import io.everynode.client.WorkQueue;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread draining a {@link WorkQueue} (design.md rule 1): handlers only add keys; this
 * thread takes one key at a time and runs {@code sync(key)}, which reconciles from the caches and
 * is safe to repeat. A sync that throws is retried with the queue's exponential back-off; one
 * that returns clears the key's back-off. Because there is exactly one worker, a controller core
 * that is not thread-safe may be called from {@code sync} without locks.
 */
public final class QueueWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
    /** How long {@link #close()} waits for a sync in progress before interrupting it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final WorkQueue<String> queue;
    private final Consumer<String> sync;
    private final Thread thread;
    private boolean started;

    public QueueWorker(String name, WorkQueue<String> queue, Consumer<String> sync) {
        this.name = name;
        this.queue = queue;
        this.sync = sync;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public synchronized void start() {
        if (started || queue.isShuttingDown()) return;
        started = true;
        thread.start();
    }

    /** Shuts the queue down and waits for the worker to finish the key it holds. */
    @Override
    public void close() {
        queue.shutDown();
        synchronized (this) {
            if (!started) return;
        }
        if (Thread.currentThread() == thread) return;
        try {
            thread.join(STOP_WAIT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            String key;
            try {
                key = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) return;
            try {
                sync.accept(key);
                queue.forget(key);
            } catch (RuntimeException e) {
                if (!queue.isShuttingDown()) {
                    LOG.warn("{}: sync of {} failed, retrying after back-off: {}", name, key, e.toString());
                    queue.addRateLimited(key);
                }
            } finally {
                queue.done(key);
            }
        }
    }
}
