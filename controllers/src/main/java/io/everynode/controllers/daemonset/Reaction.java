package io.everynode.controllers.daemonset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an informer event means for the DaemonSet controller (R1.10, R2.11): keys to enqueue now,
 * keys to enqueue after a delay, and the expectation bookkeeping to apply. Plain data; the
 * controller applies {@link #observations} itself, the work queue takes the keys.
 */
public record Reaction(Set<String> enqueue, Map<String, Duration> enqueueAfter, List<Observation> observations) {
    /** An expectation change for a DaemonSet key. */
    public record Observation(Kind kind, String key) {
        public enum Kind {
            CREATION_OBSERVED,
            DELETION_OBSERVED,
            FORGET
        }
    }

    public static Reaction none() {
        return new Reaction(Set.of(), Map.of(), List.of());
    }

    /** Mutable collector for the pure handler functions. */
    static final class Builder {
        private final Set<String> enqueue = new LinkedHashSet<>();
        private final Map<String, Duration> after = new LinkedHashMap<>();
        private final List<Observation> observations = new ArrayList<>();

        Builder enqueue(String key) {
            enqueue.add(key);
            return this;
        }

        Builder enqueueAfter(String key, Duration d) {
            after.merge(key, d, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            return this;
        }

        Builder observe(Observation.Kind kind, String key) {
            observations.add(new Observation(kind, key));
            return this;
        }

        Reaction build() {
            return new Reaction(Set.copyOf(enqueue), Map.copyOf(after), List.copyOf(observations));
        }
    }
}
