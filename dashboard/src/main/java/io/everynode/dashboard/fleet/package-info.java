/**
 * A DaemonSet's fleet grid: {@link io.everynode.dashboard.fleet.FleetCells} (pure: a cell per
 * node and its {@link io.everynode.dashboard.fleet.CellState}), the batches of changes
 * ({@link io.everynode.dashboard.fleet.FleetDiff}, {@link io.everynode.dashboard.fleet.FleetMessages})
 * and one browser's live stream of them ({@link io.everynode.dashboard.fleet.FleetStream}).
 */
package io.everynode.dashboard.fleet;
