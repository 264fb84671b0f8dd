package io.everynode.advisor.plan;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;

/**
 * What a plan is decided from: the DaemonSet to apply (defaulted as the API server would, R5.1),
 * the one of that name already in the cluster (null for a first create), every node, and every
 * pod (all namespaces: what each node already runs, and the start times to learn from).
 *
 * @param poolLabel the node label pools are grouped by; null for the default ({@link Pools})
 */
public record PlanInput(DaemonSet proposed, DaemonSet existing, List<Node> nodes, List<Pod> pods, String poolLabel) {
    public PlanInput {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }
}
