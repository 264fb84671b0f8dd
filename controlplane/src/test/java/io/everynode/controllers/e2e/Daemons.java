package io.everynode.controllers.e2e;

import io.everynode.controllers.testing.Kubelet;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Views of daemon pods the tests assert on. */
final class Daemons {
    private Daemons() {}

    /** Live (not terminating) pods by the node they are bound to; unbound pods under "". */
    static Map<String, List<Pod>> byNode(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .collect(Collectors.groupingBy(
                        p -> p.getSpec().getNodeName() == null
                                ? ""
                                : p.getSpec().getNodeName(),
                        TreeMap::new,
                        Collectors.toList()));
    }

    /** Node name to the number of live pods bound there. */
    static Map<String, Integer> countByNode(List<Pod> pods) {
        Map<String, Integer> counts = new TreeMap<>();
        byNode(pods).forEach((node, ps) -> counts.put(node, ps.size()));
        return counts;
    }

    static String hash(Pod p) {
        return p.getMetadata().getLabels().get("controller-revision-hash");
    }

    static String hash(String revisionName, io.fabric8.kubernetes.api.model.apps.ControllerRevision r) {
        return r.getMetadata().getLabels().getOrDefault("controller-revision-hash", revisionName);
    }

    static String image(Pod p) {
        return p.getSpec().getContainers().get(0).getImage();
    }

    static boolean readyAndLive(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && Kubelet.ready(p);
    }
}
