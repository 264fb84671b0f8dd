package io.everynode.controllers.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/** Everything the EndpointSlice controller writes. Implementations throw on failure; a sync that throws is retried. */
public interface EndpointSliceActions {
    /** Creates the slice (its name from generateName) and returns it as stored. */
    EndpointSlice create(EndpointSlice slice);

    /** A full update at the slice's resourceVersion; returns it as stored. */
    EndpointSlice update(EndpointSlice slice);

    /** Deletes the slice; one already gone is success. */
    void delete(EndpointSlice slice);
}
