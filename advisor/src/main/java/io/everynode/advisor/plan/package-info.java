/**
 * {@code everynode plan -f ds.yaml} (issue 15, item 4; docs/plan.md): what applying a DaemonSet
 * would do, before it is applied. {@link io.everynode.advisor.plan.Planner} decides from a
 * {@link io.everynode.advisor.plan.PlanInput} alone (pure): placement per node in {@code why}'s
 * words, requests and headroom per node pool, and a rollout estimate from the controller's own
 * budget ({@code UpdateBudget}, R5.2) times observed pod start times, an update following the
 * controller's own steps ({@code RolloutSteps}: stages and their soaks, E5.x; nodes held by a
 * partition or update selector, E4.x). {@link
 * io.everynode.advisor.plan.PlanReader} reads the input with get and list only.
 */
package io.everynode.advisor.plan;
