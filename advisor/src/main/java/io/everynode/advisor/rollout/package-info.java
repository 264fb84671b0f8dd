/**
 * {@code everynode rollout status ds/NAME}: kubectl's DaemonSet rollout status, word for word,
 * plus what kubectl cannot say for a DaemonSet: that its rollout exceeded its progress deadline
 * (E1.6, docs/beyond-kubernetes.md). {@link io.everynode.advisor.rollout.DaemonSetRolloutStatus}
 * is the pure verdict on one DaemonSet; {@link io.everynode.advisor.rollout.RolloutStatusWatch}
 * reads and watches through a client. Read-only.
 */
package io.everynode.advisor.rollout;
