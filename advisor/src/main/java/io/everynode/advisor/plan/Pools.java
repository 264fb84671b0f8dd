package io.everynode.advisor.plan;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;

/**
 * Nodes grouped by a label. The default is the first of {@link #DEFAULTS} that any node carries
 * (upstream's well-known labels: cloud providers set the instance type, then the zone); with none,
 * one pool "all". A node without the chosen label is in pool {@value #UNLABELLED}.
 */
final class Pools {
    static final List<String> DEFAULTS = List.of("node.kubernetes.io/instance-type", "topology.kubernetes.io/zone");
    static final String ALL = "all";
    static final String UNLABELLED = "(none)";

    private Pools() {}

    /** The label to group by: {@code asked} when given, else the first default any node has, else null (one pool). */
    static String label(String asked, List<Node> nodes) {
        if (asked != null) return asked;
        for (String l : DEFAULTS) {
            if (nodes.stream().anyMatch(n -> labels(n).containsKey(l))) return l;
        }
        return null;
    }

    static String of(String label, Node node) {
        if (label == null) return ALL;
        return labels(node).getOrDefault(label, UNLABELLED);
    }

    private static Map<String, String> labels(Node n) {
        return n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
    }
}
