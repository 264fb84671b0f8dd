package io.everynode.controllers.replicaset;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a ReplicaSet removes first when it has too many (upstream's ActivePodsWithRanks):
 * unscheduled before scheduled; Pending before Unknown before Running; not Ready before Ready;
 * pods sharing their node with more of the set's pods before those more alone; the more recently
 * Ready first; more container restarts first; the newer first. Pure.
 */
final class DeletionOrder {
    private DeletionOrder() {}

    /** {@code active} sorted so the first pods are the ones to delete. */
    static List<Pod> rank(List<Pod> active) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod p : active) {
            String node = node(p);
            if (!node.isEmpty()) perNode.merge(node, 1, Integer::sum);
        }
        Comparator<Pod> order = Comparator.comparing((Pod p) -> !node(p).isEmpty())
                .thenComparingInt(DeletionOrder::phaseRank)
                .thenComparing(Pods::isReady)
                .thenComparing(p -> -perNode.getOrDefault(node(p), 0))
                .thenComparing(DeletionOrder::readySince, Comparator.reverseOrder())
                .thenComparing(p -> -restarts(p))
                .thenComparing(DeletionOrder::created, Comparator.reverseOrder());
        List<Pod> out = new ArrayList<>(active);
        out.sort(order);
        return out;
    }

    private static String node(Pod p) {
        String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
        return n == null ? "" : n;
    }

    private static int phaseRank(Pod p) {
        return switch (Pods.phase(p)) {
            case "Pending", "" -> 0;
            case "Unknown" -> 1;
            default -> 2;
        };
    }

    /** When the pod turned Ready; EPOCH when it is not (only compared between Ready pods). */
    static Instant readySince(Pod p) {
        return Pods.readyCondition(p)
                .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()))
                .orElse(Instant.EPOCH);
    }

    private static int restarts(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) return 0;
        int sum = 0;
        for (ContainerStatus s : p.getStatus().getContainerStatuses())
            sum += s.getRestartCount() == null ? 0 : s.getRestartCount();
        return sum;
    }

    private static Instant created(Pod p) {
        String ts = p.getMetadata().getCreationTimestamp();
        return ts == null || ts.isEmpty() ? Instant.EPOCH : Instant.parse(ts);
    }
}
