package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to record Events, as client-go's event recorder and broadcaster: {@link #record}
 * queues the event and returns at once, never calling the API, so a sync never waits on an
 * event nor fails for one; one background thread writes the queue in order through a
 * {@link Sink} (the API client's {@link KubeClient#createEvent}).
 *
 * <p>On the way in:
 * <ul>
 *   <li>similar events (same object, type and reason, different messages) are combined once
 *       there are many of them ({@link EventAggregator}: client-go's "(combined from similar
 *       events): …");</li>
 *   <li>a repeat of an event still queued (same object, type, reason and message) raises that
 *       entry's count instead of taking a place; the writer adds the count to the Event's
 *       {@code count} in one write;</li>
 *   <li>when the queue holds {@code capacity} different entries, a new event is combined with
 *       the queued ones of its object and reason (one more entry at most per object and reason,
 *       so the queue stays bounded by twice the capacity); only an event with nothing of its
 *       kind queued is dropped, counted in {@link #dropped()} and logged (the first, then every
 *       {@link #LOG_EVERY}th).</li>
 * </ul>
 * The writer takes up to {@code parallelism} entries at a time, at most one per object (so an
 * object's events are written in the order they were recorded), and writes them at once: a
 * host of thousands of simulated kubelets records far more than one writer keeps up with.
 * Events still queued at {@link #close} get two seconds to be written. Thread-safe.
 */
public final class EventRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    /** As client-go's broadcaster queue. */
    public static final int CAPACITY = 1000;

    static final int LOG_EVERY = 500;

    /** Writes one Event, {@code times} occurrences of it at once; KubeClient in production, a fake in tests. */
    @FunctionalInterface
    public interface Sink {
        void write(HasMetadata regarding, String type, String reason, String message, int times);
    }

    private static final class Pending {
        final String objectKey;
        final String similarKey;
        final HasMetadata regarding;
        final String type;
        final String reason;
        String message;
        int times;

        Pending(
                String objectKey,
                String similarKey,
                HasMetadata regarding,
                String type,
                String reason,
                String message) {
            this.objectKey = objectKey;
            this.similarKey = similarKey;
            this.regarding = regarding;
            this.type = type;
            this.reason = reason;
            this.message = message;
        }
    }

    private final Sink sink;
    private final String component;
    private final int capacity;
    private final int parallelism;
    private final EventAggregator aggregator;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
    private final Map<String, Integer> queuedPerGroup = new HashMap<>();
    private final Thread writer;
    /** Writes the entries of a batch beyond the first, which the writer thread writes itself; null when parallelism is 1. */
    private final ExecutorService helpers;

    private long dropped;
    private int inFlight;
    private boolean closed;

    /** Writes through {@code client} as source {@code component} (e.g. "daemonset-controller"), one at a time. */
    public EventRecorder(KubeClient client, String component, Clock clock) {
        this(client, component, clock, CAPACITY, 1);
    }

    public EventRecorder(KubeClient client, String component, Clock clock, int capacity, int parallelism) {
        this(
                (regarding, type, reason, message, times) ->
                        client.createEvent(regarding, type, reason, message, component, times),
                component,
                clock,
                capacity,
                parallelism);
    }

    /**
     * @param capacity different entries queued before a full queue combines (or drops)
     * @param parallelism entries written at once
     */
    public EventRecorder(Sink sink, String component, Clock clock, int capacity, int parallelism) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be positive");
        this.sink = sink;
        this.component = component;
        this.capacity = capacity;
        this.parallelism = parallelism;
        this.aggregator = new EventAggregator(clock);
        this.helpers = parallelism == 1
                ? null
                : Executors.newFixedThreadPool(parallelism - 1, r -> {
                    Thread t = new Thread(r, component + "-events-write");
                    t.setDaemon(true);
                    return t;
                });
        this.writer = new Thread(this::drain, component + "-events");
        writer.setDaemon(true);
        writer.start();
    }

    public void normal(HasMetadata regarding, String reason, String message) {
        record(regarding, "Normal", reason, message);
    }

    public void warning(HasMetadata regarding, String reason, String message) {
        record(regarding, "Warning", reason, message);
    }

    /** Queues an event about {@code regarding}; returns at once. {@code type} is Normal or Warning. */
    public void record(HasMetadata regarding, String type, String reason, String message) {
        String objectKey = objectKey(regarding);
        String similarKey = String.join("\u0000", objectKey, type, reason);
        lock.lock();
        try {
            if (closed) {
                drop(reason, regarding);
                return;
            }
            String msg = aggregator.message(similarKey, message);
            Pending p = queue.get(entryKey(similarKey, msg));
            if (p == null && queue.size() >= capacity) {
                if (queuedPerGroup.getOrDefault(similarKey, 0) == 0) {
                    drop(reason, regarding);
                    return;
                }
                msg = EventAggregator.combined(msg);
                p = queue.get(entryKey(similarKey, msg));
            }
            if (p == null) {
                p = new Pending(objectKey, similarKey, regarding, type, reason, msg);
                queue.put(entryKey(similarKey, msg), p);
                queuedPerGroup.merge(similarKey, 1, Integer::sum);
            }
            p.message = msg; // a combined entry carries the latest message, as upstream's does
            p.times++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Events dropped since start: only when the queue was full and held nothing of their kind, or after close. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Entries queued or being written (for tests and diagnostics). */
    public int pending() {
        lock.lock();
        try {
            return queue.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The identity of the object an event is about; with type and reason, what makes events similar. */
    private static String objectKey(HasMetadata regarding) {
        var m = regarding.getMetadata();
        return String.join(
                "\u0000",
                regarding.getKind() == null ? regarding.getClass().getSimpleName() : regarding.getKind(),
                String.valueOf(m.getNamespace()),
                String.valueOf(m.getName()),
                String.valueOf(m.getUid()));
    }

    /** Combined entries of one group share one key: all combined events of a kind fold into one. */
    private static String entryKey(String similarKey, String message) {
        return EventAggregator.isCombined(message) ? similarKey + "\u0000+" : similarKey + "\u0000=" + message;
    }

    private void drop(String reason, HasMetadata regarding) {
        long n = ++dropped;
        if (n == 1 || n % LOG_EVERY == 0) {
            LOG.warn(
                    "{}: event queue full or closed: dropping event {} about {} ({} dropped so far)",
                    component,
                    reason,
                    regarding.getMetadata().getName(),
                    n);
        }
    }

    /** The next entries to write: the oldest, then later ones of other objects, up to {@code parallelism}. */
    private List<Pending> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            inFlight = 0;
            while (queue.isEmpty()) {
                if (closed) return List.of();
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            List<Pending> batch = new ArrayList<>(parallelism);
            Set<String> objects = new HashSet<>();
            Iterator<Pending> it = queue.values().iterator();
            for (int looked = 0; it.hasNext() && batch.size() < parallelism && looked < 4 * parallelism; looked++) {
                Pending p = it.next();
                if (!objects.add(p.objectKey)) continue; // a later event of an object waits for its earlier one
                it.remove();
                queuedPerGroup.computeIfPresent(p.similarKey, (k, n) -> n == 1 ? null : n - 1);
                batch.add(p);
            }
            inFlight = batch.size();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        try {
            for (List<Pending> batch; !(batch = takeBatch()).isEmpty(); ) {
                List<Future<?>> others = new ArrayList<>(batch.size() - 1);
                for (Pending p : batch.subList(1, batch.size())) others.add(helpers.submit(() -> write(p)));
                write(batch.get(0));
                for (Future<?> f : others) f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("{}: event writer failed", component, e.getCause());
        }
    }

    private void write(Pending p) {
        try {
            sink.write(p.regarding, p.type, p.reason, p.message, p.times);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{}: could not write event {} about {}: {}",
                    component,
                    p.reason,
                    p.regarding.getMetadata().getName(),
                    e.toString());
        }
    }

    /** Stops taking events; what is queued gets two seconds to be written, the rest is dropped with a log line. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        if (helpers != null) helpers.shutdownNow();
        lock.lock();
        try {
            if (!queue.isEmpty()) LOG.info("{}: dropping {} unwritten events at shutdown", component, queue.size());
            queue.clear();
            queuedPerGroup.clear();
        } finally {
            lock.unlock();
        }
    }
}
