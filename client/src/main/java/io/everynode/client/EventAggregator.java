package io.everynode.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a flood of similar events into one, as client-go's EventAggregator does: events about
 * the same object with the same type and reason but different messages are "similar". Once
 * {@link #MAX_SIMILAR} different messages have been seen for one such group within
 * {@link #WINDOW} of each other, each further event of the group is recorded as
 * {@code "(combined from similar events): <its message>"}, and the Event writer folds all of
 * those into one Event whose count grows. A group idle for longer than the window starts over.
 * Not thread-safe: {@link EventRecorder} calls it under its lock.
 */
final class EventAggregator {
    /** client-go's defaultAggregateMaxEvents. */
    static final int MAX_SIMILAR = 10;
    /** client-go's defaultAggregateIntervalInSeconds. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** The message prefix of a combined event; the Event writer correlates such events without their message. */
    static final String COMBINED_PREFIX = "(combined from similar events): ";
    /** Groups remembered at most, least recently used forgotten first (client-go's maxLruCacheEntries). */
    static final int CAPACITY = 4096;

    private static final class Group {
        final Set<String> messages = new HashSet<>();
        Instant last;
    }

    private final Clock clock;
    private final Map<String, Group> groups = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Group> eldest) {
            return size() > CAPACITY;
        }
    };

    EventAggregator(Clock clock) {
        this.clock = clock;
    }

    /** The message to record for {@code message} in group {@code similarKey}: itself, or its combined form. */
    String message(String similarKey, String message) {
        Instant now = clock.instant();
        Group g = groups.get(similarKey);
        if (g == null || Duration.between(g.last, now).compareTo(WINDOW) > 0) {
            g = new Group();
            groups.put(similarKey, g);
        }
        g.last = now;
        g.messages.add(message);
        if (g.messages.size() < MAX_SIMILAR) return message;
        // Keep the set from growing without end, as upstream pops one: the group stays at the threshold.
        Iterator<String> it = g.messages.iterator();
        it.next();
        it.remove();
        return combined(message);
    }

    static String combined(String message) {
        return message.startsWith(COMBINED_PREFIX) ? message : COMBINED_PREFIX + message;
    }

    static boolean isCombined(String message) {
        return message != null && message.startsWith(COMBINED_PREFIX);
    }
}
