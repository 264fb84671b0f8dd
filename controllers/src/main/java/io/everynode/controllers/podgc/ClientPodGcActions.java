package io.everynode.controllers.podgc;

import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ApiWrites;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Map;

/** {@link PodGcActions} through the API; a pod already gone is success. */
final class ClientPodGcActions implements PodGcActions {
    private final KubeClient client;

    ClientPodGcActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void markFailed(Pod pod, PodCondition condition) {
        Map<String, Object> status = condition == null
                ? Map.of("phase", "Failed")
                : Map.of("phase", "Failed", "conditions", List.of(condition));
        ApiWrites.patchPodStatus(client, pod, status);
    }

    @Override
    public void forceDelete(Pod pod) {
        ApiWrites.forceDeletePod(client, pod);
    }
}
