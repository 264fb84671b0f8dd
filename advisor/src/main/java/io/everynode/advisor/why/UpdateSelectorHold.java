package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * E4.2: the rolling update replaces only the pods on nodes its update selector matches. The controller's own
 * decision ({@link DaemonSetFacts#holds}).
 */
final class UpdateSelectorHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        DaemonSetFacts.Hold h = rollout.holds().get(node);
        if (h == null || h.kind() != DaemonSetFacts.HoldKind.UPDATE_SELECTOR) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.UPDATE_SELECTOR,
                "old revision kept: " + h.message(),
                oldPod.getMetadata().getName(),
                List.of(
                        "revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash(),
                        "the controller replaces this pod once the update selector matches this node")));
    }
}
