package io.everynode.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one exponential back-off, per key, as client-go's {@code flowcontrol.Backoff}: the first
 * {@link #next} of a key waits {@code initial}, each further one {@code factor} times the last, at
 * most {@code max}. A key left alone for longer than {@code idleReset} since its last
 * {@code next} starts over at {@code initial}, and {@link #gc} drops such keys (its owner calls it
 * now and then; upstream does once a minute). Times come from the injected {@link Clock}.
 *
 * <p>The users keep their own numbers: the work queue (5 ms doubling to 1000 s, never idle-reset:
 * a key is forgotten on success), the kubelet's CrashLoopBackOff (10 s doubling to 5 min, reset
 * after 10 min), the DaemonSet controller's failed-pod deletion (1 s doubling to 15 min) and the
 * scheduler's pod back-off (1 s doubling to 10 s, reset when the pod leaves the queue).
 * Thread-safe.
 */
public final class Backoff<K> {
    /** An {@code idleReset} that never comes: keys are reset only by {@link #reset}. */
    public static final Duration NEVER = ChronoUnit.FOREVER.getDuration();

    private static final class Entry {
        Duration delay;
        Instant lastUpdate;
        int failures;
    }

    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final double factor;
    private final Duration idleReset;
    private final Map<K, Entry> entries = new HashMap<>();

    /** Doubling, reset after twice the maximum idle (flowcontrol's default). */
    public Backoff(Clock clock, Duration initial, Duration max) {
        this(clock, initial, max, 2.0, max.multipliedBy(2));
    }

    public Backoff(Clock clock, Duration initial, Duration max, double factor, Duration idleReset) {
        if (initial.isNegative() || initial.isZero())
            throw new IllegalArgumentException("initial delay must be positive");
        if (max.compareTo(initial) < 0)
            throw new IllegalArgumentException("max delay must be at least the initial delay");
        if (!(factor >= 1.0)) throw new IllegalArgumentException("factor must be at least 1");
        this.clock = clock;
        this.initial = initial;
        this.max = max;
        this.factor = factor;
        this.idleReset = idleReset;
    }

    /** Records one more failure of {@code key} now and answers how long it should wait. */
    public synchronized Duration next(K key) {
        Instant now = clock.instant();
        Entry e = live(key, now);
        if (e == null) {
            e = new Entry();
            e.delay = initial;
            entries.put(key, e);
        } else {
            e.delay = grown(e.delay);
        }
        e.failures++;
        e.lastUpdate = now;
        return e.delay;
    }

    /** The delay the last {@link #next} answered; zero for an unknown or idle-reset key. */
    public synchronized Duration delay(K key) {
        Entry e = live(key, clock.instant());
        return e == null ? Duration.ZERO : e.delay;
    }

    /** How many {@link #next}s {@code key} has had since it was last reset. */
    public synchronized int failures(K key) {
        Entry e = live(key, clock.instant());
        return e == null ? 0 : e.failures;
    }

    /** True while less than the current delay has passed since the last {@link #next}. */
    public synchronized boolean isInBackoff(K key) {
        Instant now = clock.instant();
        Entry e = live(key, now);
        return e != null && now.isBefore(e.lastUpdate.plus(e.delay));
    }

    /**
     * The earliest moment something that failed at {@code eventTime} may be tried again: {@code
     * eventTime} plus the current delay, or {@code eventTime} itself when the key is unknown or was
     * idle for longer than {@code idleReset} at {@code eventTime} (client-go's
     * {@code IsInBackOffSince}: a container that ran for ten minutes starts over).
     */
    public synchronized Instant retryAt(K key, Instant eventTime) {
        Entry e = live(key, eventTime);
        return e == null ? eventTime : eventTime.plus(e.delay);
    }

    public synchronized void reset(K key) {
        entries.remove(key);
    }

    /** Resets every key that matches, e.g. all containers of one pod. */
    public synchronized void resetWhere(Predicate<? super K> matches) {
        entries.keySet().removeIf(matches);
    }

    /** Drops the keys idle for longer than {@code idleReset}. */
    public synchronized void gc() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> idle(e, now));
    }

    public synchronized int size() {
        return entries.size();
    }

    private Entry live(K key, Instant at) {
        Entry e = entries.get(key);
        if (e != null && idle(e, at)) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private boolean idle(Entry e, Instant at) {
        return Duration.between(e.lastUpdate, at).compareTo(idleReset) > 0;
    }

    /** {@code d * factor}, capped at max, without overflow. */
    private Duration grown(Duration d) {
        double nanos = d.toNanos() * factor;
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
