package io.everynode.controllers.serviceaccount;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** {@link ServiceAccountActions} through the API; a 409 means the cache was behind and the account is there. */
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
            if (e.code() != 409) throw e;
        }
    }
}
