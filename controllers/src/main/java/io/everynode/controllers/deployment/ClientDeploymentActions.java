package io.everynode.controllers.deployment;

import io.everynode.client.ApiError;
import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.daemonset.ActionErrors;
import io.everynode.controllers.manager.ApiWrites;
import io.everynode.controllers.manager.ClientActions;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DeploymentActions} through the API client; API failures become typed ActionExceptions. */
final class ClientDeploymentActions extends ClientActions<Deployment> implements DeploymentActions {
    static final String COMPONENT = "deployment-controller";

    ClientDeploymentActions(KubeClient client, EventRecorder events) {
        super(client, events);
    }

    @Override
    public ReplicaSet createReplicaSet(String namespace, ReplicaSet rs) {
        rs.getMetadata().setNamespace(namespace);
        return ActionErrors.call(() -> client.create(rs));
    }

    @Override
    public ReplicaSet updateReplicaSet(ReplicaSet rs) {
        return ActionErrors.call(() -> client.update(rs));
    }

    @Override
    public void deleteReplicaSet(String namespace, String name) {
        ActionErrors.call(() -> {
            client.delete(ReplicaSet.class, namespace, name);
            return null;
        });
    }

    @Override
    public void adoptReplicaSet(ReplicaSet rs, OwnerReference owner) {
        patchOwners(rs, owner, true);
    }

    @Override
    public void releaseReplicaSet(ReplicaSet rs, OwnerReference owner) {
        patchOwners(rs, owner, false);
    }

    private void patchOwners(ReplicaSet rs, OwnerReference owner, boolean adopt) {
        ActionErrors.call(() -> client.patch(
                ReplicaSet.class,
                rs.getMetadata().getNamespace(),
                rs.getMetadata().getName(),
                PatchType.MERGE,
                OwnerClaims.ownersPatch(owner, rs, adopt)));
    }

    @Override
    public Optional<Deployment> getDeployment(String namespace, String name) {
        return get(() -> client.get(Deployment.class, namespace, name));
    }

    @Override
    public Optional<ReplicaSet> getReplicaSet(String namespace, String name) {
        return get(() -> client.get(ReplicaSet.class, namespace, name));
    }

    @Override
    public Deployment setRevision(Deployment d, String revision) {
        return ActionErrors.call(() -> client.patch(
                Deployment.class,
                d.getMetadata().getNamespace(),
                d.getMetadata().getName(),
                PatchType.MERGE,
                ApiWrites.json(Map.of("metadata", Map.of("annotations", Map.of(Revisions.REVISION, revision))))));
    }

    @Override
    public Deployment updateStatus(Deployment d) {
        return ActionErrors.call(() -> client.updateStatus(d));
    }

    private static <T extends HasMetadata> Optional<T> get(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw ActionErrors.translate(e);
        }
    }
}
