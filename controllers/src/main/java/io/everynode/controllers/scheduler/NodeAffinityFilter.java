package io.everynode.controllers.scheduler;

import io.everynode.api.scheduling.NodeSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** nodeSelector (R1.3) and required node affinity (R1.4); upstream plugin NodeAffinity. */
final class NodeAffinityFilter implements Filter {
    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        return NodeSelectors.podFitsNode(pod.getSpec(), node.node())
                ? Optional.empty()
                : Optional.of(Rejection.unresolvable("NodeAffinity", REASON));
    }
}
