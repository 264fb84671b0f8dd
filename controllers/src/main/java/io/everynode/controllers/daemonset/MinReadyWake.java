package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a sync must look again because pods are waiting out minReadySeconds (R2.11, R3.3, R5.6).
 * A pod turning Available changes no object, so no informer event reports it; only a requeue the
 * sync asks for itself wakes the controller then. Every Ready-but-not-yet-Available pod counts,
 * not just the one per node that status reports: during a surge (R5.5) the old pod is the one
 * counted, and the surged new pod whose availability frees the old pod's deletion is not.
 * Pure.
 */
final class MinReadyWake {
    /**
     * Added to the exact wait, as upstream adds a second to its wake-up on a pod's Ready
     * transition: availability begins only strictly after the instant, and a timer that fires a
     * little early must still find the pod Available.
     */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private MinReadyWake() {}

    /**
     * The delay until the first Ready pod of {@code nodeToPods} that is not Available yet becomes
     * so, plus {@link #MARGIN}; at most minReadySeconds plus the margin, so that a Ready time in
     * the future (a node's clock ahead of ours) or a missing one is looked at again, as upstream
     * requeues after minReadySeconds while numberReady differs from numberAvailable. Empty when
     * minReadySeconds is 0 or no pod is waiting.
     */
    static Optional<Duration> after(int minReadySeconds, Map<String, List<Pod>> nodeToPods, Instant now) {
        if (minReadySeconds <= 0) {
            return Optional.empty();
        }
        Duration longest = Duration.ofSeconds(minReadySeconds).plus(MARGIN);
        Duration soonest = null;
        for (List<Pod> pods : nodeToPods.values()) {
            for (Pod p : pods) {
                if (!PodFacts.ready(p) || PodFacts.available(p, minReadySeconds, now)) {
                    continue;
                }
                Duration wait = PodFacts.availableAfter(p, minReadySeconds)
                        .map(t -> Duration.between(now, t).plus(MARGIN))
                        .filter(d -> d.compareTo(longest) <= 0)
                        .orElse(longest);
                if (soonest == null || wait.compareTo(soonest) < 0) {
                    soonest = wait;
                }
            }
        }
        return Optional.ofNullable(soonest);
    }
}
