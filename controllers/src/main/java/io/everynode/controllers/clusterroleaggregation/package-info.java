/**
 * ClusterRole aggregation: a ClusterRole with {@code aggregationRule.clusterRoleSelectors} gets
 * the union of the rules of the ClusterRoles its selectors match ({@code AggregatedRules}, plain
 * data), written through {@code AggregationActions} when it changes.
 *
 * <p>Threading: {@code ClusterRoleAggregationRunner} runs it on one worker thread, keyed by name.
 */
package io.everynode.controllers.clusterroleaggregation;
