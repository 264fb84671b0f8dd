/**
 * Node lifecycle (R10.1–R10.4): marks nodes whose agent went quiet Unknown ({@code NodeHealth}),
 * keeps the condition taints in step with conditions and {@code spec.unschedulable}
 * ({@code ConditionTaints}), and deletes pods that stop tolerating a node's NoExecute taints, at
 * once or after their tolerationSeconds ({@code TaintEviction}). Pure decisions in
 * {@code NodeLifecycleController} over a {@code NodeLifecycleWorld}; writes through
 * {@code NodeLifecycleActions}.
 *
 * <p>Threading: {@code NodeLifecycleRunner} runs everything on one worker thread; the periodic
 * health check is a key that re-arms itself. Time comes from the injected clock.
 */
package io.everynode.controllers.nodelifecycle;
