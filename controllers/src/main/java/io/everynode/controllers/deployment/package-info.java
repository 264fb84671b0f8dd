/**
 * The Deployment controller: {@code DeploymentController} ({@code sync(key)}, {@code on…} handlers)
 * reads {@code DeploymentWorld} and writes through {@code DeploymentActions}; inside,
 * {@code RolloutPlanner} decides a {@code RolloutPlan} (new ReplicaSet and revision, RollingUpdate
 * or Recreate scaling, proportional scaling, history cleanup) from {@code DeploymentSpecs} (spec
 * values with the API defaults) and {@code Revisions} (the ReplicaSet annotations), and
 * {@code DeploymentStatuses} computes the status and conditions. {@code DeploymentRunner} wires it
 * to the shared informers. Documented in docs/deployments.md.
 */
package io.everynode.controllers.deployment;
