package io.everynode.controllers.serviceaccount;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * {@link ServiceAccountActions} through the API. Answers that mean the cache was behind are
 * success: 409 (the account is there), 404 (the namespace is gone), and 403 for a namespace that
 * began terminating (the API refuses new content there, as upstream).
 */
final class ClientServiceAccountActions implements ServiceAccountActions {
    private final KubeClient client;

    ClientServiceAccountActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void createDefault(String namespace) {
        try {
            client.create(new ServiceAccountBuilder()
                    .withNewMetadata()
                    .withName(ServiceAccountsController.DEFAULT)
                    .withNamespace(namespace)
                    .endMetadata()
                    .build());
        } catch (ApiError e) {
            boolean terminating =
                    e.code() == 403 && String.valueOf(e.getMessage()).contains("being terminated");
            if (!e.isAlreadyExists() && !e.isNotFound() && !terminating) throw e;
        }
    }
}
