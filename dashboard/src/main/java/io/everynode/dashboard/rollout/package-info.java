/**
 * The rollout view of a DaemonSet (docs/dashboard.md "Rollout view"): what one status says about
 * the rollout ({@link io.everynode.dashboard.rollout.RolloutFacts}: counters, the budget resolved
 * as the controller resolves it, the partition, the stage), the series of points a fleet stream
 * keeps for the current rollout ({@link io.everynode.dashboard.rollout.RolloutSeries}) and the
 * revision {@code kubectl rollout undo} would restore ({@link io.everynode.dashboard.rollout.RolloutUndo}).
 * Pure, apart from the series' memory.
 */
package io.everynode.dashboard.rollout;
