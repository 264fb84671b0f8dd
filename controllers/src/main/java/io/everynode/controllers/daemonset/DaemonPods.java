package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** R2.3: a DaemonSet's pods grouped by the node they are meant for. Pure. */
final class DaemonPods {
    private DaemonPods() {}

    /**
     * Groups claimed pods by target node (sorted by node name, so plans are deterministic). Pods
     * with no target are dropped. Unless {@code includeDeletedTerminal}, pods that are both
     * terminal and being deleted are dropped too (they matter only to history cleanup, R4.6).
     */
    static Map<String, List<Pod>> byNode(List<Pod> claimed, boolean includeDeletedTerminal) {
        Map<String, List<Pod>> out = new TreeMap<>();
        for (Pod p : claimed) {
            if (!includeDeletedTerminal && PodFacts.terminal(p) && PodFacts.terminating(p)) {
                continue;
            }
            String node = PodFacts.targetNode(p);
            if (node.isEmpty()) {
                continue;
            }
            out.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
        }
        return out;
    }
}
