package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * R5.4: with maxSurge 0 the controller deletes an old pod only while fewer than maxUnavailable
 * nodes are unavailable; with a surge it creates the new pod beside the old one within maxSurge.
 * When the budget is used up the old pod stays, and this node waits for others to become
 * available. An old pod a preDelete hook holds uses a slot too (E6.4, {@link Rollout#hookHeld}):
 * it is still available, but the controller's delete of it is what this sync's budget went to.
 */
final class RolloutBudgetHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        if (rollout.budget() == null || rollout.budget().maxSurge() > 0) {
            return Optional.empty();
        }
        int max = rollout.budget().maxUnavailable();
        List<String> hooked = rollout.hookHeld();
        if (rollout.unavailable() + hooked.size() < max) {
            return Optional.empty();
        }
        List<String> details = new ArrayList<>();
        details.add("revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash());
        hooked.forEach(p -> details.add(p + " waits on its preDelete hook and keeps its slot of the budget"));
        details.add("the controller replaces this pod once fewer than " + max + " nodes are unavailable"
                + (hooked.isEmpty() ? "" : " or held"));
        return Optional.of(Answer.of(
                node,
                Reason.ROLLOUT_BUDGET,
                "old revision kept: " + rollout.unavailable() + " of " + rollout.desired() + " nodes unavailable"
                        + (hooked.isEmpty() ? "" : ", " + hooked.size() + " held by a preDelete hook")
                        + ", maxUnavailable " + max,
                oldPod.getMetadata().getName(),
                details));
    }
}
