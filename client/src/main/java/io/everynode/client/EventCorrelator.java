package io.everynode.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds repeats of one event into one Event object, as client-go's event correlator does: an
 * event with the same source, involved object, type, reason and message as one recorded before
 * (among the last {@link #CAPACITY}) is written as an update of that Event's {@code count} and
 * {@code lastTimestamp} rather than as a new Event. So {@code kubectl describe} shows
 * {@code (x10 over 90s)} for a probe failing ten times, and the store keeps one object, not ten.
 * Thread-safe.
 */
final class EventCorrelator {
    /** client-go's maxLruCacheEntries. */
    static final int CAPACITY = 4096;

    /** What is known of an Event written before under one key. */
    record Seen(String namespace, String name, int count, String firstTimestamp) {}

    /** What to write: a new Event (named {@code seen.name()}), or an update of an existing one to {@code seen.count()}. */
    record Decision(boolean update, Seen seen) {}

    private final Map<String, Seen> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > CAPACITY;
        }
    };

    static String key(
            String component,
            String kind,
            String namespace,
            String name,
            String uid,
            String type,
            String reason,
            String message) {
        return String.join(
                "\u0000",
                component,
                kind,
                String.valueOf(namespace),
                name,
                String.valueOf(uid),
                type,
                reason,
                String.valueOf(message));
    }

    /**
     * Decides for {@code times} occurrences of an event under {@code key}: an update of the Event
     * seen before (its count that much higher), or a new Event named {@code newName} first
     * recorded at {@code now} with count {@code times}.
     */
    synchronized Decision observe(String key, String namespace, String newName, String now, int times) {
        Seen s = seen.get(key);
        if (s != null) {
            Seen next = new Seen(s.namespace(), s.name(), s.count() + times, s.firstTimestamp());
            seen.put(key, next);
            return new Decision(true, next);
        }
        Seen fresh = new Seen(namespace, newName, times, now);
        seen.put(key, fresh);
        return new Decision(false, fresh);
    }

    /** The Event under {@code key} is gone (deleted, expired): the next repeat creates a new one. */
    synchronized void forget(String key) {
        seen.remove(key);
    }
}
