package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;

/** R1.2: a template that names a node runs only there. */
final class NodeNameCheck implements DaemonNodeCheck {
    static final String REASON = "NodeNameMismatch";

    @Override
    public String reason() {
        return REASON;
    }

    @Override
    public boolean passes(Node node, PodSpec spec) {
        String wanted = spec.getNodeName();
        return wanted == null
                || wanted.isEmpty()
                || (node.getMetadata() != null
                        && wanted.equals(node.getMetadata().getName()));
    }
}
