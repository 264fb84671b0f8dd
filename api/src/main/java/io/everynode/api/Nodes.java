package io.everynode.api;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.Optional;

/** The one place for "is this node Ready". Null-tolerant: a node without status is not Ready. */
public final class Nodes {
    private Nodes() {}

    /** The first condition of type Ready. */
    public static Optional<NodeCondition> readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) return Optional.empty();
        return node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst();
    }

    /** The Ready condition's status (True, False, Unknown), or null when the node has none. */
    public static String readyStatus(Node node) {
        return readyCondition(node).map(NodeCondition::getStatus).orElse(null);
    }

    public static boolean isReady(Node node) {
        return "True".equals(readyStatus(node));
    }
}
