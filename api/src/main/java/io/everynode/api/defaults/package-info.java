/**
 * Upstream API defaulting for pods, pod templates and DaemonSets, applied in place by the API
 * server after decoding and before validation. Idempotent: a field already set is never changed,
 * so defaulting twice is defaulting once.
 *
 * <p>Threading: static functions that mutate only the object they are given; callers own it.
 */
package io.everynode.api.defaults;
