package io.everynode.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's CrashLoopBackOff, per container: the first restart after a crash is at once;
 * each further one waits from the moment the container exited, 10 s, then twice as long each
 * time, at most 5 min. A container that has not been restarted for twice the maximum (10 min)
 * starts over. Pure: times come in as arguments. Not thread-safe (one agent's sync holds it
 * per pod key, and the work queue never hands one key to two workers).
 */
final class CrashBackoff {
    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(Duration delay, Instant lastRestart) {}

    private final Map<String, Entry> entries = new HashMap<>();

    /** The earliest moment a container that exited at {@code finishedAt} may be started again. */
    synchronized Instant restartAt(String container, Instant finishedAt) {
        Entry e = live(container, finishedAt);
        return e == null ? finishedAt : finishedAt.plus(e.delay());
    }

    /** Records a restart at {@code now}: the next one waits twice as long. */
    synchronized void restarted(String container, Instant now) {
        Entry e = live(container, now);
        Duration next = e == null ? INITIAL : (e.delay().multipliedBy(2).compareTo(MAX) > 0 ? MAX : e.delay().multipliedBy(2));
        entries.put(container, new Entry(next, now));
    }

    /** Drops every entry whose key starts with {@code prefix} (a pod's uid). */
    synchronized void forget(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private Entry live(String container, Instant at) {
        Entry e = entries.get(container);
        if (e != null && Duration.between(e.lastRestart(), at).compareTo(MAX.multipliedBy(2)) > 0) {
            entries.remove(container);
            return null;
        }
        return e;
    }
}
