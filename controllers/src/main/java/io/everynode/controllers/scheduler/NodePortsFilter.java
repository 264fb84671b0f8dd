package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** A requested host port must not clash with one in use on the node (upstream plugin NodePorts). */
final class NodePortsFilter implements Filter {
    static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        List<NodeInfo.HostPort> wanted = NodeInfo.hostPorts(pod);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<NodeInfo.HostPort> used = node.usedPorts();
        for (NodeInfo.HostPort w : wanted) {
            for (NodeInfo.HostPort u : used) {
                if (w.conflicts(u)) {
                    return Optional.of(Rejection.resolvable("NodePorts", List.of(REASON)));
                }
            }
        }
        return Optional.empty();
    }
}
