package io.everynode.controllers.nodelifecycle;

import io.everynode.client.ApiError;
import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ApiWrites;
import io.everynode.controllers.manager.ClientActions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link NodeLifecycleActions} through the API.
 *
 * <p>Node writes carry the cached node's resourceVersion as a precondition, so a write decided
 * from a stale cache is refused (409) and the next pass decides again, as upstream's status
 * update does. Taints: the controller's own condition write moves the resourceVersion just
 * before its taint write, so on a conflict the node is read afresh and the patch retried once
 * when the taints the decision was based on are still the stored ones (upstream's
 * PatchNodeTaints re-reads likewise); if someone else changed the taints the conflict stands.
 */
final class ClientNodeLifecycleActions extends ClientActions<Pod> implements NodeLifecycleActions {
    /**
     * The Event source of taint-based eviction events: upstream's taint eviction controller
     * (kube-controller-manager 1.29+) records {@code TaintManagerEviction} under this name.
     */
    static final String COMPONENT = "taint-eviction-controller";

    ClientNodeLifecycleActions(KubeClient client, EventRecorder events) {
        super(client, events);
    }

    @Override
    public void updateNodeConditions(Node node, List<NodeCondition> conditions) {
        // status.conditions merges by type under a strategic-merge patch (R10.1).
        String patch = ApiWrites.json(Map.of(
                "metadata", Map.of("resourceVersion", node.getMetadata().getResourceVersion()),
                "status", Map.of("conditions", conditions)));
        client.patch(Node.class, null, node.getMetadata().getName(), PatchType.STRATEGIC, patch, "status");
    }

    @Override
    public void updateNodeTaints(Node node, List<Taint> taints) {
        String name = node.getMetadata().getName();
        try {
            patchTaints(name, node.getMetadata().getResourceVersion(), taints);
        } catch (ApiError e) {
            if (!e.isConflict()) throw e;
            Node fresh = client.get(Node.class, null, name);
            if (!Objects.equals(taintsOf(fresh), taintsOf(node))) throw e;
            patchTaints(name, fresh.getMetadata().getResourceVersion(), taints);
        }
    }

    private void patchTaints(String name, String resourceVersion, List<Taint> taints) {
        // A JSON merge patch replaces the list whole: the controller computed the full list (R10.3).
        String patch = ApiWrites.json(Map.of(
                "metadata", Map.of("resourceVersion", resourceVersion),
                "spec", Map.of("taints", taints)));
        client.patch(Node.class, null, name, PatchType.MERGE, patch);
    }

    private static List<Taint> taintsOf(Node n) {
        return n.getSpec() == null || n.getSpec().getTaints() == null
                ? List.of()
                : n.getSpec().getTaints();
    }

    @Override
    public void updatePodCondition(Pod pod, PodCondition condition) {
        ApiWrites.setPodCondition(client, pod, condition);
    }

    @Override
    public void deletePod(Pod pod) {
        ApiWrites.deletePod(client, pod);
    }
}
