package io.everynode.controllers.replicaset;

import io.everynode.client.ApiError;
import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.daemonset.ActionErrors;
import io.everynode.controllers.daemonset.ActionException;
import io.everynode.controllers.manager.ClientActions;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ReplicaSetActions} through the API client; API failures become typed {@link ActionException}s. */
final class ClientReplicaSetActions extends ClientActions<ReplicaSet> implements ReplicaSetActions {
    static final String COMPONENT = "replicaset-controller";

    ClientReplicaSetActions(KubeClient client, EventRecorder events) {
        super(client, events);
    }

    @Override
    public Pod createPod(String namespace, Pod pod) {
        pod.getMetadata().setNamespace(namespace);
        return call(() -> client.create(pod));
    }

    @Override
    public void deletePod(String namespace, String name) {
        call(() -> {
            client.delete(Pod.class, namespace, name);
            return null;
        });
    }

    @Override
    public void adoptPod(Pod pod, OwnerReference owner) {
        patchOwners(pod, owner, true);
    }

    @Override
    public void releasePod(Pod pod, OwnerReference owner) {
        patchOwners(pod, owner, false);
    }

    private void patchOwners(Pod pod, OwnerReference owner, boolean adopt) {
        call(() -> client.patch(
                Pod.class,
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                PatchType.MERGE,
                OwnerClaims.ownersPatch(owner, pod, adopt)));
    }

    @Override
    public Optional<ReplicaSet> getReplicaSet(String namespace, String name) {
        try {
            return Optional.of(client.get(ReplicaSet.class, namespace, name));
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw ActionErrors.translate(e);
        }
    }

    @Override
    public ReplicaSet updateStatus(ReplicaSet rs) {
        return call(() -> client.updateStatus(rs));
    }

    private static <T> T call(Supplier<T> write) {
        return ActionErrors.call(write);
    }
}
