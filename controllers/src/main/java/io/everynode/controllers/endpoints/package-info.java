/**
 * The Endpoints and EndpointSlice controllers (docs/services.md): for every Service with a
 * selector, the addresses of the pods it selects, ready and not ready, with the ports its
 * targetPorts name on each pod.
 *
 * <p>Shared facts: {@code ServiceSelection} (which pods, which Services, which pods count),
 * {@code PortResolver}/{@code ResolvedPort} (targetPort to a number). Plans as plain data:
 * {@code EndpointsPlanner} (one subset per port set), {@code SlicePlanner}/{@code SlicePlan}
 * with {@code SliceEndpoints} (at most 100 endpoints a slice, owner reference to the Service).
 * Syncs: {@code EndpointsController} and {@code EndpointSliceController} over the informers'
 * listers, writing through {@code EndpointsActions} and {@code EndpointSliceActions};
 * {@code SliceWrites} holds a Service back until the cache shows the slices last written for it.
 *
 * <p>Threading: each {@code …Runner} runs its controller on one worker thread; informer handlers
 * only queue Service keys.
 */
package io.everynode.controllers.endpoints;
