package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Why a node keeps a ready pod of an old revision during a rollout: one hold, one class, one
 * reason, asked in the controller's order: {@link PauseHold} (E3.1), then the controller's scope
 * holds ({@link StageHold} E5.3, {@link UpdateSelectorHold} E4.2, {@link PartitionHold} E4.1, at
 * most one of which applies), then the standard DaemonSet's {@link RolloutBudgetHold} (R5.4).
 */
interface RolloutHold {
    /** The answer when this hold keeps {@code oldPod} on {@code node}, else empty. */
    Optional<Answer> holds(String node, Pod oldPod, Rollout rollout);
}
