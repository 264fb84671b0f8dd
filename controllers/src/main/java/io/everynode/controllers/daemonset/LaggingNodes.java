package io.everynode.controllers.daemonset;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * E1.3: the nodes a stalled rollout waits on: each node that should run the DaemonSet (R1.1) and
 * has no pod of the current revision that is available (R3.3, R3.4), by name. Pure.
 */
final class LaggingNodes {
    private LaggingNodes() {}

    static List<String> of(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            Instant now,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide) {
        int minReady = ManagePlanner.minReadySeconds(ds);
        String generation = PodFacts.templateGeneration(ds);
        List<String> out = new ArrayList<>();
        for (Node node : nodes) {
            if (!decide.apply(node).shouldRun()) {
                continue;
            }
            String name = node.getMetadata().getName();
            boolean newPodAvailable = nodeToPods.getOrDefault(name, List.of()).stream()
                    .anyMatch(p -> PodFacts.updated(p, hash, generation) && PodFacts.available(p, minReady, now));
            if (!newPodAvailable) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }
}
