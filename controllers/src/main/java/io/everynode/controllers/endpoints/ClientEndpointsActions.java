package io.everynode.controllers.endpoints;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Endpoints;

/** {@link EndpointsActions} through the API; creating what exists and deleting what is gone are success. */
final class ClientEndpointsActions implements EndpointsActions {
    private final KubeClient client;

    ClientEndpointsActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void create(Endpoints endpoints) {
        try {
            client.create(endpoints);
        } catch (ApiError e) {
            // The cache was behind: the object's add event queues the Service again, to update it.
            if (!e.isAlreadyExists()) throw e;
        }
    }

    @Override
    public void update(Endpoints endpoints) {
        client.update(endpoints);
    }

    @Override
    public void delete(String namespace, String name) {
        try {
            client.delete(Endpoints.class, namespace, name);
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }
}
