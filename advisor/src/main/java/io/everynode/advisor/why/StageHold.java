package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * E5.3: a staged rollout replaces a node's pod only once the node's stage has started (the
 * earlier stages completed and soaked); a node in no stage is never replaced. The controller's own
 * decision ({@link DaemonSetFacts#holds}).
 */
final class StageHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        DaemonSetFacts.Hold h = rollout.holds().get(node);
        if (h == null || h.kind() != DaemonSetFacts.HoldKind.STAGE) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.STAGE,
                "old revision kept: " + h.message(),
                oldPod.getMetadata().getName(),
                List.of(
                        "revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash(),
                        "the controller replaces this pod when its stage starts")));
    }
}
