/**
 * The DaemonSet controller, rule by rule from {@code docs/daemonset-rules.md}.
 *
 * <p>Entry: {@link io.everynode.controllers.daemonset.DaemonSetController} (config record, {@code sync(key)},
 * {@code on…} informer handlers). Seams: {@link io.everynode.controllers.daemonset.DaemonSetWorld} (cached
 * reads) and {@link io.everynode.controllers.daemonset.DaemonSetActions} (writes and uncached reads).
 *
 * <p>Inside, by job: {@code Claims} (R2.2), {@code DaemonPods} (R2.3), {@code ManagePlanner} (R2.4–R2.8),
 * {@code PodWriter} (R2.9), {@code PodTemplates} (R2.10), {@code DaemonSetEvents} (R1.10, R2.11),
 * {@code StatusCounts} (R3.1–R3.4), {@code MinReadyWake} (R2.11, R3.3),
 * {@code RevisionData}/{@code HistoryPlan}/{@code History} (R4), {@code UpdateBudget}/{@code RollingUpdatePlanner} (R5),
 * {@code Expectations}; beyond upstream: {@code RolloutProgress} (E1.1–E1.4, and E3.1's paused condition),
 * {@code DeadlineHold} (E1.7: soaks and holds stop the deadline),
 * {@code FailingPods}/{@code AutoPause} (E3.2–E3.4), {@code RolloutScope} (E4.1–E4.3: partition, update
 * selector, held nodes) {@code StagedRollout} (E5.2–E5.5), {@code InPlaceEligibility}/{@code InPlacePlanner} (E6.2: how a
 * chosen pod is replaced), {@code PodGates}/{@code GateRefresh} (E6.3), {@code Lifecycle} (E6.4, E6.6), all as
 * {@code PodChanges} carried out by {@code InPlaceWriter}; {@code DaemonSetFacts} is the public seam
 * for the advisor; the failed-pod back-off (R2.7) is the client's {@code Backoff}, keyed by
 * {@code ManagePlanner#backoffKey}.
 */
package io.everynode.controllers.daemonset;
