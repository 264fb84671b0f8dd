package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** E3.1: a paused rollout (by hand, or E3.3's auto-pause) replaces no pod; old ones stay until resume. */
final class PauseHold implements RolloutHold {
    @Override
    public Optional<Answer> holds(String node, Pod oldPod, Rollout rollout) {
        if (rollout.budget() == null || rollout.pause().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.PAUSED,
                "old revision kept: " + rollout.pause().get(),
                oldPod.getMetadata().getName(),
                List.of(
                        "revision: old (" + Holds.label(oldPod) + "), current " + rollout.currentHash(),
                        "the controller replaces this pod once the rollout resumes (" + rollout.resume() + ")")));
    }
}
