package io.everynode.advisor.plan;

import io.everynode.controllers.daemonset.UpdateBudget;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pace the existing DaemonSet's last rollout kept, learned from its own pods' creation times:
 * a rolling update keeps maxUnavailable + maxSurge pods in flight (R5.2) and creates the next
 * one when one of them is done, so its pods are created at a steady rate of budget ÷ slot, where
 * a slot is everything one replacement takes: the old pod stopping and going (R5.4), the new one
 * created, bound, started and available. A pod's start time (creation to Ready, {@link
 * StartTimes}) is only the second half of it.
 *
 * <p>The first budget's worth of pods were created together when the rollout began; the rate is
 * read from the last of them to the 95th percentile of the creation times, so a pod recreated
 * long after (a new node, an eviction) does not stretch it. Nothing is learned when the pods were
 * all created in one wave (a first create, or a budget of every node): their creation times say
 * nothing of a slot.
 */
final class RolloutPace {
    /** Fewer pods than this say nothing steady. */
    static final int MIN_PODS = 4;

    private RolloutPace() {}

    /**
     * One slot of the last rollout, or empty when it cannot be told.
     *
     * @param own the existing DaemonSet's own pods
     * @param nodes the nodes the existing DaemonSet runs on (its budget's base, R5.2)
     */
    static Optional<Duration> slot(DaemonSet existing, List<Pod> own, int nodes) {
        if (existing == null || own.size() < MIN_PODS) return Optional.empty();
        UpdateBudget budget = UpdateBudget.of(existing, nodes);
        int inFlight = Math.max(1, budget.maxUnavailable() + budget.maxSurge());
        long[] created = own.stream()
                .map(p -> p.getMetadata().getCreationTimestamp())
                .filter(t -> t != null)
                .mapToLong(t -> Instant.parse(t).toEpochMilli())
                .sorted()
                .toArray();
        int n = created.length;
        if (n < MIN_PODS || inFlight >= n) return Optional.empty();
        // The first inFlight pods were created together when the rollout began; each later one
        // when a slot came free. Read from the last of that first wave to the 95th percentile.
        int from = inFlight - 1;
        int to = Math.max(from + 1, (int) Math.ceil(0.95 * (n - 1)));
        long spanMillis = created[to] - created[from];
        if (spanMillis <= 0) return Optional.empty();
        // (to - from) creations in spanMillis, inFlight at a time: one slot is inFlight ÷ rate.
        return Optional.of(Duration.ofMillis(Math.round((double) spanMillis * inFlight / (to - from))));
    }
}
