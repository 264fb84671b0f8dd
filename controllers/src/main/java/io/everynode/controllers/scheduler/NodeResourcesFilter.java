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
        List<String> reasons = new ArrayList<>();
        if (node.allPods().size() + 1 > node.allocatable(NodeInfo.PODS)) {
            reasons.add(TOO_MANY_PODS);
        }
        Map<String, Long> used = node.requested();
        NodeInfo.podRequests(pod).forEach((resource, want) -> {
            if (resource.equals(NodeInfo.PODS) || want <= 0) {
                return;
            }
            long free = node.allocatable(resource) - used.getOrDefault(resource, 0L);
            if (want > free) {
                reasons.add("Insufficient " + resource);
            }
        });
        return reasons.isEmpty() ? Optional.empty() : Optional.of(Rejection.resolvable("NodeResourcesFit", reasons));
    }
}
