package io.everynode.controllers.rootcacert;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * {@link RootCaActions} through the API. Answers that mean the cache was behind are left to the
 * next event: 409 (made or changed meanwhile: its event queues the namespace again), 404 (the
 * namespace is gone) and 403 for a namespace that began terminating.
 */
final class ClientRootCaActions implements RootCaActions {
    private final KubeClient client;

    ClientRootCaActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void create(ConfigMap configMap) {
        try {
            client.create(configMap);
        } catch (ApiError e) {
            if (!behind(e)) throw e;
        }
    }

    @Override
    public void update(ConfigMap configMap) {
        try {
            client.update(configMap);
        } catch (ApiError e) {
            if (!behind(e)) throw e;
        }
    }

    private static boolean behind(ApiError e) {
        boolean terminating = e.code() == 403 && String.valueOf(e.getMessage()).contains("being terminated");
        return e.isAlreadyExists() || e.code() == 409 || e.isNotFound() || terminating;
    }
}
