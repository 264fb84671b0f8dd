/**
 * The usage report a node agent sends the API server for {@code metrics.k8s.io}
 * (docs/containers.md, "kubectl top"): cumulative CPU and working-set memory of the node and of
 * each running container ({@link io.everynode.api.metrics.Usage},
 * {@link io.everynode.api.metrics.PodUsage}), encoded and decoded by
 * {@link io.everynode.api.metrics.UsageReport}. The agent writes it, the API server reads it, so
 * both sides share one codec.
 */
package io.everynode.api.metrics;
