package io.everynode.controllers.endpoints;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/** {@link EndpointSliceActions} through the API. */
final class ClientEndpointSliceActions implements EndpointSliceActions {
    private final KubeClient client;

    ClientEndpointSliceActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public EndpointSlice create(EndpointSlice slice) {
        return client.create(slice);
    }

    @Override
    public EndpointSlice update(EndpointSlice slice) {
        return client.update(slice);
    }

    @Override
    public void delete(EndpointSlice slice) {
        try {
            client.delete(
                    EndpointSlice.class,
                    slice.getMetadata().getNamespace(),
                    slice.getMetadata().getName());
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }
}
