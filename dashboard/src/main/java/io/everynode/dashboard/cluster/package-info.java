/**
 * The cluster view (docs/dashboard.md, "The cluster view"): a row per node with its conditions,
 * taints, capacity and requests ({@link io.everynode.dashboard.cluster.NodeRows}, pure), the
 * events of an object ({@link io.everynode.dashboard.cluster.EventFilter}, pure), and one
 * browser's live stream of both ({@link io.everynode.dashboard.cluster.ClusterStream}).
 */
package io.everynode.dashboard.cluster;
