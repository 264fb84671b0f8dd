package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests against allocatable minus what the node's counted pods (bound, assumed, nominated)
 * already request; upstream plugin NodeResourcesFit. Every short resource is its own reason, so a
 * node short of both cpu and memory counts once under each in the FailedScheduling message.
 * The pod count is checked even for pods that request nothing.
 */
final class NodeResourcesFilter implements Filter {
    static final String TOO_MANY_PODS = "Too many pods";

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        List<String> reasons = shortfalls(pod, node).stream()
                .map(SchedulerReasons.Shortfall::reason)
                .toList();
        return reasons.isEmpty() ? Optional.empty() : Optional.of(Rejection.resolvable("NodeResourcesFit", reasons));
    }

    /** Every short resource with the amounts compared; {@link SchedulerReasons} shows them to users. */
    static List<SchedulerReasons.Shortfall> shortfalls(Pod pod, NodeInfo node) {
        List<SchedulerReasons.Shortfall> out = new ArrayList<>();
        long maxPods = node.allocatable(NodeInfo.PODS);
        int counted = node.allPods().size();
        if (counted + 1 > maxPods) {
            out.add(new SchedulerReasons.Shortfall(NodeInfo.PODS, TOO_MANY_PODS, 1, maxPods - counted, maxPods));
        }
        Map<String, Long> used = node.requested();
        NodeInfo.podRequests(pod).forEach((resource, want) -> {
            if (resource.equals(NodeInfo.PODS) || want <= 0) {
                return;
            }
            long allocatable = node.allocatable(resource);
            long free = allocatable - used.getOrDefault(resource, 0L);
            if (want > free) {
                out.add(new SchedulerReasons.Shortfall(resource, "Insufficient " + resource, want, free, allocatable));
            }
        });
        return out;
    }
}
