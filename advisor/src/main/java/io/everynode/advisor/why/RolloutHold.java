package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Why a node keeps a ready pod of an old revision during a rollout: one hold, one class, one
 * reason. {@link RolloutBudgetHold} is the standard DaemonSet's; the Advanced DaemonSet's
 * partition and pause will be holds too (not yet built).
 */
interface RolloutHold {
    /** The answer when this hold keeps {@code oldPod} on {@code node}, else empty. */
    Optional<Answer> holds(String node, Pod oldPod, Rollout rollout);
}
