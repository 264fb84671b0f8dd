package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;

/** R1.3: the template's nodeSelector must match the node's labels exactly. */
final class NodeSelectorCheck implements DaemonNodeCheck {
    static final String REASON = "NodeSelectorMismatch";

    @Override
    public String reason() {
        return REASON;
    }

    @Override
    public boolean passes(Node node, PodSpec spec) {
        return NodeSelectors.nodeSelectorMatches(spec.getNodeSelector(), node);
    }
}
