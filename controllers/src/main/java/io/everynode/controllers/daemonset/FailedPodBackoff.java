package io.everynode.controllers.daemonset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Back-off for deleting failed daemon pods (R2.7): a pod that keeps failing on a node is killed
 * after 1 s, 2 s, 4 s … up to the maximum (15 min). Keyed {@code <uid>/<observedGeneration>/<node>},
 * so a spec change starts afresh. Thread-safe.
 */
final class FailedPodBackoff {
    private record Entry(Duration delay, Instant lastUpdate) {}

    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final Map<String, Entry> entries = new HashMap<>();

    FailedPodBackoff(Clock clock, Duration initial, Duration max) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
    }

    static String key(String uid, Long observedGeneration, String node) {
        return uid + "/" + (observedGeneration == null ? 0 : observedGeneration) + "/" + node;
    }

    /** True while less than the current delay has passed since the last {@link #next}. */
    synchronized boolean inBackoff(String key) {
        Entry e = entries.get(key);
        return e != null && Duration.between(e.lastUpdate, clock.instant()).compareTo(e.delay) < 0;
    }

    /** The current delay (zero when unknown). */
    synchronized Duration delay(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : e.delay;
    }

    /**
     * Starts or doubles the delay (capped at max). An entry idle for more than twice the maximum
     * starts over at the initial delay, as upstream's flowcontrol back-off does.
     */
    synchronized void next(String key) {
        Instant now = clock.instant();
        Entry e = entries.get(key);
        if (e == null || expired(e, now)) {
            entries.put(key, new Entry(initial, now));
            return;
        }
        Duration doubled = e.delay.multipliedBy(2);
        entries.put(key, new Entry(doubled.compareTo(max) > 0 ? max : doubled, now));
    }

    /** Drops entries idle for more than twice the maximum (upstream runs this every minute). */
    synchronized void gc() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> expired(e, now));
    }

    synchronized int size() {
        return entries.size();
    }

    private boolean expired(Entry e, Instant now) {
        return Duration.between(e.lastUpdate, now).compareTo(max.multipliedBy(2)) > 0;
    }
}
