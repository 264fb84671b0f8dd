package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * R10.1, as a pure decision. A node's last sign of life is the newer of its Lease renewTime and
 * its Ready condition's lastHeartbeatTime; a node that never posted Ready is measured from its
 * creation (or a Lease renewal) with the longer startup grace. Once the grace has run out, Ready
 * and the three pressure conditions become Unknown, each once (an Unknown condition is left
 * alone, so its lastTransitionTime keeps the moment the node was lost).
 */
final class NodeHealth {
    static final String READY = "Ready";
    static final List<String> WATCHED = List.of(READY, "MemoryPressure", "DiskPressure", "PIDPressure");
    static final String STOPPED_REASON = "NodeStatusUnknown";
    static final String STOPPED_MESSAGE = "Kubelet stopped posting node status.";
    static final String NEVER_REASON = "NodeStatusNeverUpdated";
    static final String NEVER_MESSAGE = "Kubelet never posted node status.";

    /** {@code conditions} is the new full list when something changed; {@code deadline} is when the grace runs out. */
    record Assessment(Optional<List<NodeCondition>> conditions, Instant deadline) {}

    private NodeHealth() {}

    static Assessment assess(Node node, Optional<Lease> lease, Instant now, NodeLifecycleConfig config) {
        NodeCondition ready = condition(node, READY);
        Instant leaseRenewed = lease.map(Lease::getSpec).map(s -> s.getRenewTime()).map(z -> z.toInstant()).orElse(null);
        Instant lastSeen;
        Instant deadline;
        if (ready == null) {
            lastSeen = Times.latest(Times.parse(node.getMetadata().getCreationTimestamp()), leaseRenewed);
            deadline = lastSeen == null ? now : lastSeen.plus(config.startupGracePeriod());
        } else {
            lastSeen = Times.latest(Times.parse(ready.getLastHeartbeatTime()), leaseRenewed);
            deadline = lastSeen == null ? now : lastSeen.plus(config.monitorGracePeriod());
        }
        if (now.isBefore(deadline)) {
            return new Assessment(Optional.empty(), deadline);
        }
        List<NodeCondition> out = new ArrayList<>(existing(node));
        boolean changed = false;
        for (String type : WATCHED) {
            NodeCondition c = condition(node, type);
            if (c == null) {
                out.add(new NodeConditionBuilder().withType(type).withStatus("Unknown").withReason(NEVER_REASON)
                        .withMessage(NEVER_MESSAGE).withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
                        .withLastTransitionTime(now.toString()).build());
                changed = true;
            } else if (!"Unknown".equals(c.getStatus())) {
                out.set(out.indexOf(c), new NodeConditionBuilder(c).withStatus("Unknown").withReason(STOPPED_REASON)
                        .withMessage(STOPPED_MESSAGE).withLastTransitionTime(now.toString()).build());
                changed = true;
            }
        }
        return new Assessment(changed ? Optional.of(out) : Optional.empty(), deadline);
    }

    static NodeCondition condition(Node node, String type) {
        for (NodeCondition c : existing(node)) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    private static List<NodeCondition> existing(Node node) {
        return node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of()
                : node.getStatus().getConditions();
    }
}
