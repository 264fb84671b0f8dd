package io.everynode.controllers.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * The writes that bring one Service's EndpointSlices to what its pods say: slices to create
 * (named by the server from {@code generateName}), slices to update (with the resourceVersion
 * they were read at), and slices to delete.
 */
public record SlicePlan(List<EndpointSlice> create, List<EndpointSlice> update, List<EndpointSlice> delete) {
    public SlicePlan {
        create = List.copyOf(create);
        update = List.copyOf(update);
        delete = List.copyOf(delete);
    }

    public boolean isEmpty() {
        return create.isEmpty() && update.isEmpty() && delete.isEmpty();
    }
}
