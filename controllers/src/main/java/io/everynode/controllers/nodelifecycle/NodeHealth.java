package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * R10.1, as a pure decision. A node is silent once the grace period has passed since the
 * controller last observed a sign of life from it ({@link NodeHealthRecord#probed()}, the
 * controller's own clock; the node's own timestamps are never compared with that clock). A node
 * that never posted Ready gets the longer startup grace. Once silent, Ready and the three pressure
 * conditions become Unknown, each once (an Unknown condition is left alone, so its
 * lastTransitionTime keeps the moment the node was lost); the times written are the controller's.
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

    static Assessment assess(Node node, NodeHealthRecord record, Instant now, NodeLifecycleConfig config) {
        Duration grace = condition(node, READY) == null ? config.startupGracePeriod() : config.monitorGracePeriod();
        Instant deadline = record.probed().plus(grace);
        if (now.isBefore(deadline)) {
            return new Assessment(Optional.empty(), deadline);
        }
        List<NodeCondition> out = new ArrayList<>(existing(node));
        boolean changed = false;
        for (String type : WATCHED) {
            NodeCondition c = condition(node, type);
            if (c == null) {
                out.add(new NodeConditionBuilder()
                        .withType(type)
                        .withStatus("Unknown")
                        .withReason(NEVER_REASON)
                        .withMessage(NEVER_MESSAGE)
                        .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
                        .withLastTransitionTime(now.toString())
                        .build());
                changed = true;
            } else if (!"Unknown".equals(c.getStatus())) {
                out.set(
                        out.indexOf(c),
                        new NodeConditionBuilder(c)
                                .withStatus("Unknown")
                                .withReason(STOPPED_REASON)
                                .withMessage(STOPPED_MESSAGE)
                                .withLastTransitionTime(now.toString())
                                .build());
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
