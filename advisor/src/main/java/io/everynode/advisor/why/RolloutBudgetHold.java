package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * R5.4: with maxSurge 0 the controller deletes an old pod only while fewer than maxUnavailable
 * nodes are unavailable; with a surge it creates the new pod beside the old one within maxSurge.
 * When the budget is used up the old pod stays, and this node waits for others to become
 * available.
 */
final class RolloutBudgetHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        if (rollout.budget() == null || rollout.budget().maxSurge() > 0) {
            return Optional.empty();
        }
        int max = rollout.budget().maxUnavailable();
        if (rollout.unavailable() < max) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.ROLLOUT_BUDGET,
                "old revision kept: " + rollout.unavailable() + " of " + rollout.desired()
                        + " nodes unavailable, maxUnavailable " + max,
                oldPod.getMetadata().getName(),
                List.of(
                        "revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash(),
                        "the controller replaces this pod once fewer than " + max + " nodes are unavailable")));
    }
}
