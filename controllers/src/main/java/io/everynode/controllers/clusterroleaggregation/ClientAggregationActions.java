package io.everynode.controllers.clusterroleaggregation;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ApiWrites;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Map;

/**
 * {@link AggregationActions} through the API: a JSON merge patch of {@code rules}, which replaces
 * the whole list and touches nothing else of the role, so it needs no resourceVersion.
 */
final class ClientAggregationActions implements AggregationActions {
    private final KubeClient client;

    ClientAggregationActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void setRules(String clusterRole, List<PolicyRule> rules) {
        try {
            client.patch(ClusterRole.class, null, clusterRole, PatchType.MERGE, ApiWrites.json(Map.of("rules", rules)));
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }
}
