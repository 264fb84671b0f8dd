package io.everynode.controllers.daemonset;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events written off the sync path, as client-go's event broadcaster does: the controller hands
 * an event over and goes on; one thread writes them in order. The queue is bounded (1000, as the
 * broadcaster's channel); when it is full the event is dropped with a log line, since an event is
 * a report and must never hold up or fail a sync. Events still queued at {@link #close} get a
 * short time to drain, then are dropped.
 */
final class EventQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    static final int CAPACITY = 1000;
    static final int LOG_EVERY = 500;

    /** One event to write. */
    record Pending(Runnable write, String what) {}

    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    EventQueue(String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, name + "-events");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues {@code write}; answers false when the queue is full or closed, dropping it. The first
     * drop and then every {@link #LOG_EVERY}th is logged with the running count, so a burst of
     * thousands of creates logs a few lines, not thousands.
     */
    boolean offer(Runnable write, String what) {
        if (closed || !queue.offer(new Pending(write, what))) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % LOG_EVERY == 0) {
                LOG.warn("event queue full or closed: dropping event {} ({} dropped so far)", what, n);
            }
            return false;
        }
        return true;
    }

    /** Events dropped since start. */
    long dropped() {
        return dropped.get();
    }

    /** Events waiting to be written (for tests and diagnostics). */
    int pending() {
        return queue.size();
    }

    private void drain() {
        Consumer<Pending> write = p -> {
            try {
                p.write().run();
            } catch (RuntimeException e) {
                LOG.warn("could not write event {}: {}", p.what(), e.toString());
            }
        };
        try {
            while (!closed || !queue.isEmpty()) {
                Pending p = queue.poll(100, TimeUnit.MILLISECONDS);
                if (p != null) write.accept(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        if (!queue.isEmpty()) LOG.info("dropping {} unwritten events at shutdown", queue.size());
        queue.clear();
    }
}
