/**
 * Everynode's rollout settings beyond upstream's DaemonSet (issue 15; rules E1.x and E2.x of
 * docs/daemonset-rules.md): on apps/v1 they are annotations under {@code everynode.io/}, on the
 * advanced kind first-class fields, both read through the same value types here so the controller
 * and the validation share one reading.
 *
 * <p>Threading: stateless static functions and immutable values; safe from any thread.
 */
package io.everynode.api.rollout;
