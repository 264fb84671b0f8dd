package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * E4.1: the partition keeps that many of the DaemonSet's nodes at the old revision. The controller's own
 * decision ({@link DaemonSetFacts#holds}).
 */
final class PartitionHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        DaemonSetFacts.Hold h = rollout.holds().get(node);
        if (h == null || h.kind() != DaemonSetFacts.HoldKind.PARTITION) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.PARTITION,
                "old revision kept: " + h.message(),
                oldPod.getMetadata().getName(),
                List.of(
                        "revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash(),
                        "the controller replaces this pod once the partition is lowered")));
    }
}
