package io.everynode.controllers.scheduler;

import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ApiWrites;
import io.everynode.controllers.manager.ClientActions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SchedulerActions} through the API. A bind that fails (409: already bound; 404: gone) is
 * thrown, so the scheduler drops its assumption and retries; status writes and deletes of a pod
 * that is gone are no-ops.
 */
final class ClientSchedulerActions extends ClientActions<Pod> implements SchedulerActions {
    /** The Event source upstream's scheduler reports as. */
    static final String COMPONENT = "default-scheduler";

    ClientSchedulerActions(KubeClient client, EventRecorder events) {
        super(client, events);
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        client.bind(pod, nodeName);
    }

    @Override
    public void updatePodCondition(Pod pod, PodCondition condition) {
        ApiWrites.setPodCondition(client, pod, condition);
    }

    @Override
    public void setNominatedNode(Pod pod, String nodeName) {
        // Strategic merge: null removes the field, as upstream clears an empty nominatedNodeName.
        Map<String, Object> status = new HashMap<>();
        status.put("nominatedNodeName", nodeName == null || nodeName.isEmpty() ? null : nodeName);
        ApiWrites.patchPodStatus(client, pod, status);
    }

    @Override
    public void deletePod(Pod pod) {
        ApiWrites.deletePod(client, pod);
    }
}
