/**
 * PodDisruptionBudgets as the eviction subresource applies them: which budget covers a pod, how
 * many healthy pods it asks for, and whether one more disruption is allowed now. Computed from
 * the pods at eviction time (no budget status controller runs here).
 *
 * <p>Threading: pure functions over values they do not modify; safe from any thread.
 */
package io.everynode.api.disruption;
