/**
 * Upstream API defaulting for pods, pod templates, DaemonSets, Secrets, Services and the other
 * workload kinds, applied in place by the API
 * server after decoding and before validation. Idempotent: a field already set is never changed,
 * so defaulting twice is defaulting once.
 *
 * <p>Threading: static functions that mutate only the object they are given; callers own it.
 */
package io.everynode.api.defaults;
