/**
 * {@code metrics.k8s.io/v1beta1} (NodeMetrics, PodMetrics) for {@code kubectl top}, served by the
 * API server itself from the node agents' usage reports (docs/containers.md, "kubectl top").
 *
 * <p>Roles: {@link io.everynode.apiserver.metrics.MetricsTypes} (the two resources, routing and
 * discovery; they are not stored, so they stay out of {@code ResourceTypes}),
 * {@link io.everynode.apiserver.metrics.MetricsApi} (get/list with selectors, and the agents'
 * {@code POST nodes/NAME/usage}), {@code UsageHistory} (each node's last two readings, in the
 * store so that every server on it serves them, stale after three windows), {@code UsageRates} (CPU rates between two readings, as metrics-server
 * computes them from two scrapes; pure), {@code MetricsObjects} (the objects as metrics-server
 * writes them, canonical quantities, Go durations; pure). Authorization is the server's: RBAC for
 * readers (the bootstrap role {@code system:aggregated-metrics-reader} aggregates get/list/watch into
 * view, edit and admin), the node rules for reports.
 */
package io.everynode.apiserver.metrics;
