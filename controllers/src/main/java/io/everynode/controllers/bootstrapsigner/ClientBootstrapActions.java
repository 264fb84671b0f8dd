package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.api.json.Json;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link BootstrapActions} through the API. The ConfigMap's data is replaced whole with a JSON
 * merge patch that also nulls the keys to drop; a 404 while patching (the ConfigMap went away)
 * and a 409 while creating (it appeared) are retried by the queue.
 */
final class ClientBootstrapActions implements BootstrapActions {
    private final KubeClient client;

    ClientBootstrapActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void writeClusterInfo(Map<String, String> data, boolean exists) {
        if (!exists) {
            client.create(new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName(ClusterInfo.NAME)
                    .withNamespace(ClusterInfo.NAMESPACE)
                    .endMetadata()
                    .withData(data)
                    .build());
            return;
        }
        ConfigMap live = client.get(ConfigMap.class, ClusterInfo.NAMESPACE, ClusterInfo.NAME);
        ObjectNode patch = Json.object();
        ObjectNode d = patch.putObject("data");
        if (live.getData() != null) live.getData().keySet().forEach(k -> d.putNull(k));
        data.forEach(d::put);
        client.patch(ConfigMap.class, ClusterInfo.NAMESPACE, ClusterInfo.NAME, PatchType.MERGE, patch.toString());
    }

    @Override
    public void deleteTokenSecret(String name) {
        try {
            client.delete(Secret.class, BootstrapTokenSecret.NAMESPACE, name);
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }
}
