package io.everynode.controllers.daemonset;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** R3.1: the seven status counters, computed over the node cache. Pure. */
record StatusCounts(
        int desired, int current, int misscheduled, int ready, int updated, int available, int unavailable) {

    /** Counts nodes by shouldRun (not shouldContinueRunning); pods on unknown nodes count nowhere. */
    static StatusCounts compute(
            DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToPods, String hash, Instant now) {
        return compute(ds, nodes, nodeToPods, hash, now, n -> NodeShouldRunDaemonPod.evaluate(n, ds));
    }

    /** As above, with the per-node decisions given (see {@link NodeDecisions}). */
    static StatusCounts compute(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            Instant now,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide) {
        int desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
        int minReady = ManagePlanner.minReadySeconds(ds);
        String generation = PodFacts.templateGeneration(ds);
        for (Node node : nodes) {
            List<Pod> pods = nodeToPods.getOrDefault(node.getMetadata().getName(), List.of());
            boolean scheduled = !pods.isEmpty();
            if (decide.apply(node).shouldRun()) {
                desired++;
                if (!scheduled) {
                    continue;
                }
                current++;
                List<Pod> sorted = new ArrayList<>(pods);
                sorted.sort(PodFacts.OLDEST_SCHEDULED_FIRST);
                Pod first = sorted.get(0);
                if (PodFacts.ready(first)) {
                    ready++;
                    if (PodFacts.available(first, minReady, now)) {
                        available++;
                    }
                }
                if (PodFacts.updated(first, hash, generation)) {
                    updated++;
                }
            } else if (scheduled) {
                misscheduled++;
            }
        }
        return new StatusCounts(desired, current, misscheduled, ready, updated, available, desired - available);
    }

    /** R3.2: the write can be skipped when every counter matches and the generation was observed. */
    boolean sameAs(DaemonSet ds) {
        DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        long generation =
                ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration();
        return eq(s.getDesiredNumberScheduled(), desired)
                && eq(s.getCurrentNumberScheduled(), current)
                && eq(s.getNumberMisscheduled(), misscheduled)
                && eq(s.getNumberReady(), ready)
                && eq(s.getUpdatedNumberScheduled(), updated)
                && eq(s.getNumberAvailable(), available)
                && eq(s.getNumberUnavailable(), unavailable)
                && observed >= generation;
    }

    /** Writes the counters into {@code s} (other status fields untouched). */
    void applyTo(DaemonSetStatus s) {
        s.setDesiredNumberScheduled(desired);
        s.setCurrentNumberScheduled(current);
        s.setNumberMisscheduled(misscheduled);
        s.setNumberReady(ready);
        s.setUpdatedNumberScheduled(updated);
        s.setNumberAvailable(available);
        s.setNumberUnavailable(unavailable);
    }

    private static boolean eq(Integer have, int want) {
        return Objects.equals(have == null ? 0 : have, want);
    }
}
