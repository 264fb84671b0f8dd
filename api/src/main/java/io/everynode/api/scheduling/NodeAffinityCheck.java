package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PodSpec;

/** R1.4: required node affinity; preferred terms are ignored by the controller. */
final class NodeAffinityCheck implements DaemonNodeCheck {
    static final String REASON = "NodeAffinityMismatch";

    @Override
    public String reason() {
        return REASON;
    }

    @Override
    public boolean passes(Node node, PodSpec spec) {
        NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
                ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return NodeSelectors.requiredAffinityMatches(required, node);
    }
}
