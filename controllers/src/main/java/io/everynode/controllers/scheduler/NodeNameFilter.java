package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** A pod that names a node fits only that node (upstream plugin NodeName). */
final class NodeNameFilter implements Filter {
    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        String wanted = PodFacts.nodeName(pod);
        return wanted.isEmpty() || wanted.equals(node.name())
                ? Optional.empty()
                : Optional.of(Rejection.unresolvable("NodeName", REASON));
    }
}
