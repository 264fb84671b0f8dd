package io.everynode.controllers.scheduler;

import io.everynode.api.Pods;
import io.everynode.client.Backoff;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pending pods, in three parts as upstream keeps them:
 * <ul>
 *   <li>active: ready to try, popped higher priority first, then older (creation time), then by
 *       key (R8.4);</li>
 *   <li>backoff: failed recently; each failure doubles the wait (initial → max);</li>
 *   <li>unschedulable: parked after a failure until a cluster change ({@link #moveAllToActiveOrBackoff})
 *       or the maximum wait elapses.</li>
 * </ul>
 * A pod that fails while a move request arrived during its attempt goes to backoff rather than
 * being parked, so the change that might help it is not missed. Not thread-safe: the scheduler
 * owns it from one thread.
 */
final class SchedulingQueue {
    private enum State {
        ACTIVE,
        BACKOFF,
        UNSCHEDULABLE,
        IN_FLIGHT
    }

    private static final class Entry {
        final String key;
        Pod pod;
        final int priority;
        final Instant created;
        State state;
        Instant backoffUntil = Instant.EPOCH;
        Instant parkedAt = Instant.EPOCH;
        long poppedInCycle;

        Entry(Pod pod) {
            this.key = Pods.key(pod);
            this.pod = pod;
            this.priority = PodFacts.priority(pod);
            this.created = PodFacts.created(pod);
        }
    }

    static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.priority)
            .thenComparing(e -> e.created)
            .thenComparing(e -> e.key);
    private static final Comparator<Entry> BY_BACKOFF =
            Comparator.comparing((Entry e) -> e.backoffUntil).thenComparing(e -> e.key);

    private final SchedulerConfig config;
    private final Clock clock;
    /** Failed attempts per pod key: initial, doubling to max; reset when the pod leaves the queue. */
    private final Backoff<String> failures;

    private final Map<String, Entry> entries = new HashMap<>();
    private final TreeSet<Entry> active = new TreeSet<>(ORDER);
    private final TreeSet<Entry> backoff = new TreeSet<>(BY_BACKOFF);
    private final Map<String, Entry> unschedulable = new HashMap<>();
    private long cycle;
    private long moveRequestCycle = -1;

    SchedulingQueue(SchedulerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.failures = new Backoff<>(clock, config.initialBackoff(), config.maxBackoff(), 2.0, Backoff.NEVER);
    }

    /** A new or changed pending pod. A parked pod that changed gets another try (after its back-off). */
    void addOrUpdate(Pod pod) {
        Entry e = entries.get(Pods.key(pod));
        if (e == null) {
            e = new Entry(pod);
            entries.put(e.key, e);
            toActive(e);
            return;
        }
        e.pod = pod;
        if (e.state == State.UNSCHEDULABLE) {
            unschedulable.remove(e.key);
            toActiveOrBackoff(e, clock.instant());
        }
    }

    void delete(String key) {
        Entry e = entries.remove(key);
        failures.reset(key);
        if (e != null) {
            active.remove(e);
            backoff.remove(e);
            unschedulable.remove(key);
        }
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The next pod to try, if one is ready now; it stays known (in flight) until done or failed. */
    Optional<Pod> pop() {
        flush(clock.instant());
        Entry e = active.pollFirst();
        if (e == null) {
            return Optional.empty();
        }
        e.state = State.IN_FLIGHT;
        e.poppedInCycle = ++cycle;
        return Optional.of(e.pod);
    }

    /** The attempt bound the pod: forget it. */
    void done(String key) {
        delete(key);
    }

    /** The attempt failed: back off (if something changed meanwhile) or park the pod. */
    void failed(String key) {
        Entry e = entries.get(key);
        if (e == null || e.state != State.IN_FLIGHT) {
            return;
        }
        Instant now = clock.instant();
        e.backoffUntil = now.plus(failures.next(key));
        if (moveRequestCycle >= e.poppedInCycle) {
            e.state = State.BACKOFF;
            backoff.add(e);
        } else {
            e.state = State.UNSCHEDULABLE;
            e.parkedAt = now;
            unschedulable.put(key, e);
        }
    }

    /** A node or pod changed so parked pods may now fit: retry them all (after back-off). */
    void moveAllToActiveOrBackoff() {
        Instant now = clock.instant();
        for (Entry e : new ArrayList<>(unschedulable.values())) {
            unschedulable.remove(e.key);
            toActiveOrBackoff(e, now);
        }
        moveRequestCycle = cycle;
    }

    /** When a pod will next be ready: now if one is, else the earliest back-off or park expiry. */
    Optional<Instant> nextReadyAt() {
        Instant now = clock.instant();
        flush(now);
        if (!active.isEmpty()) {
            return Optional.of(now);
        }
        Instant next = backoff.isEmpty() ? null : backoff.first().backoffUntil;
        for (Entry e : unschedulable.values()) {
            Instant t = e.parkedAt.plus(config.maxUnschedulableWait());
            if (next == null || t.isBefore(next)) {
                next = t;
            }
        }
        return Optional.ofNullable(next);
    }

    private void flush(Instant now) {
        while (!backoff.isEmpty() && !backoff.first().backoffUntil.isAfter(now)) {
            toActive(backoff.pollFirst());
        }
        for (Entry e : new ArrayList<>(unschedulable.values())) {
            if (!e.parkedAt.plus(config.maxUnschedulableWait()).isAfter(now)) {
                unschedulable.remove(e.key);
                toActiveOrBackoff(e, now);
            }
        }
    }

    private void toActiveOrBackoff(Entry e, Instant now) {
        if (e.backoffUntil.isAfter(now)) {
            e.state = State.BACKOFF;
            backoff.add(e);
        } else {
            toActive(e);
        }
    }

    private void toActive(Entry e) {
        e.state = State.ACTIVE;
        active.add(e);
    }
}
