package io.everynode.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work queue of a controller, with client-go's semantics:
 *
 * <ul>
 *   <li><b>De-duplicating FIFO.</b> A key added while it waits in the queue is not queued twice.</li>
 *   <li><b>One worker per key.</b> A key handed out by {@link #get} is "processing" until
 *       {@link #done}; adding it meanwhile marks it dirty, and {@code done} queues it again, so
 *       the change is processed after the current run and never by two workers at once.</li>
 *   <li><b>Delays.</b> {@link #addAfter} holds a key until the {@link Clock} reaches its time; a
 *       key already waiting keeps the earlier time.</li>
 *   <li><b>Rate limiting.</b> {@link #addRateLimited} delays a key exponentially in its
 *       consecutive failures (base * 2^n, capped); {@link #forget} resets it after a success.
 *       client-go also applies an overall token bucket (10 qps); this queue does not.</li>
 *   <li><b>Shutdown.</b> After {@link #shutDown} adds are ignored and delayed keys dropped;
 *       {@link #get} hands out what is queued, then answers null.</li>
 * </ul>
 *
 * <p>Delayed keys move to the queue whenever the queue is used ({@link #get}, {@link #len},
 * any add) and their time has come; a worker blocked in {@code get} waits until the earliest
 * time. With a fake clock a test advances the clock and then calls {@link #len()}, which moves
 * what is due and wakes a waiting worker. Thread-safe.
 */
public final class WorkQueue<K> {
    /** client-go's DefaultControllerRateLimiter per-item bounds: 5 ms doubling up to 1000 s. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(5);

    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(1000);

    private final Clock clock;
    private final Backoff<K> backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>();
    private final Map<K, Delayed<K>> delayedByKey = new HashMap<>();
    private long sequence;
    private boolean shuttingDown;

    /** A delayed key; ties in time keep the order of adding. */
    private record Delayed<K>(long readyAtMillis, long seq, K key) implements Comparable<Delayed<K>> {
        @Override
        public int compareTo(Delayed<K> o) {
            int c = Long.compare(readyAtMillis, o.readyAtMillis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public WorkQueue(Clock clock) {
        this(clock, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
    }

    public WorkQueue(Clock clock, Duration baseDelay, Duration maxDelay) {
        this.clock = clock;
        // forgotten on success, never by time, as client-go's ItemExponentialFailureRateLimiter
        this.backoff = new Backoff<>(clock, baseDelay, maxDelay, 2.0, Backoff.NEVER);
    }

    /** Queues {@code key} unless it is already queued; a key being processed is queued again at {@link #done}. */
    public void add(K key) {
        lock.lock();
        try {
            promoteDue();
            addLocked(key);
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} once {@code delay} has passed on the clock; zero or negative adds now. */
    public void addAfter(K key, Duration delay) {
        lock.lock();
        try {
            if (shuttingDown) return;
            if (delay.isZero() || delay.isNegative()) {
                promoteDue();
                addLocked(key);
                return;
            }
            long at = clock.millis() + delay.toMillis();
            Delayed<K> existing = delayedByKey.get(key);
            if (existing != null) {
                if (existing.readyAtMillis() <= at) return;
                delayed.remove(existing);
            }
            Delayed<K> d = new Delayed<>(at, sequence++, key);
            delayed.add(d);
            delayedByKey.put(key, d);
            changed.signalAll(); // a waiting worker may now have an earlier time to wake at
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after its back-off: one more failure makes the next wait twice as long. */
    public void addRateLimited(K key) {
        Duration d;
        lock.lock();
        try {
            if (shuttingDown) return;
            d = backoff.next(key);
        } finally {
            lock.unlock();
        }
        addAfter(key, d);
    }

    /** Clears the back-off of {@code key}, after it was processed successfully. */
    public void forget(K key) {
        lock.lock();
        try {
            backoff.reset(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many rate-limited adds {@code key} has had since it was last forgotten. */
    public int numRequeues(K key) {
        lock.lock();
        try {
            return backoff.failures(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next key, blocking until there is one; it is "processing" until {@link #done}. Answers
     * null once the queue is shut down and empty.
     */
    public K get() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                promoteDue();
                if (!queue.isEmpty()) break;
                if (shuttingDown) return null;
                Delayed<K> next = delayed.peek();
                if (next == null) {
                    changed.await();
                } else {
                    changed.await(Math.max(1, next.readyAtMillis() - clock.millis()), TimeUnit.MILLISECONDS);
                }
            }
            K key = queue.poll();
            processing.add(key);
            dirty.remove(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the processing of {@code key}; if it was added meanwhile, it is queued again. */
    public void done(K key) {
        lock.lock();
        try {
            if (processing.remove(key) && dirty.contains(key)) {
                queue.add(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many keys are ready to hand out, after moving those whose delay has passed. */
    public int len() {
        lock.lock();
        try {
            promoteDue();
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting keys and drops delayed ones; workers drain what is queued, then get null. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            delayed.clear();
            delayedByKey.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(K key) {
        if (shuttingDown || dirty.contains(key)) return;
        dirty.add(key);
        if (processing.contains(key)) return;
        queue.add(key);
        changed.signal();
    }

    private void promoteDue() {
        long now = clock.millis();
        while (!delayed.isEmpty() && delayed.peek().readyAtMillis() <= now) {
            Delayed<K> d = delayed.poll();
            delayedByKey.remove(d.key());
            addLocked(d.key());
        }
    }
}
