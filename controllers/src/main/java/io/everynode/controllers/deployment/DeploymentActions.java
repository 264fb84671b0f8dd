package io.everynode.controllers.deployment;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Optional;

/**
 * Every write (and the uncached reads) of the Deployment controller: the narrow seam a sync acts
 * through after planning. Methods throw {@link io.everynode.controllers.daemonset.ActionException}.
 */
public interface DeploymentActions {
    ReplicaSet createReplicaSet(String namespace, ReplicaSet rs);

    /** PUT of {@code rs}, guarded by its resourceVersion. */
    ReplicaSet updateReplicaSet(ReplicaSet rs);

    void deleteReplicaSet(String namespace, String name);

    void adoptReplicaSet(ReplicaSet rs, OwnerReference owner);

    void releaseReplicaSet(ReplicaSet rs, OwnerReference owner);

    /** Uncached GET (adoption re-check). */
    Optional<Deployment> getDeployment(String namespace, String name);

    /** Uncached GET (a name collision on create). */
    Optional<ReplicaSet> getReplicaSet(String namespace, String name);

    /** Sets the Deployment's {@code deployment.kubernetes.io/revision} annotation; returns the stored Deployment. */
    Deployment setRevision(Deployment d, String revision);

    /** Writes {@code d.status} through the status subresource, guarded by its resourceVersion. */
    Deployment updateStatus(Deployment d);

    void recordEvent(Deployment d, String type, String reason, String message);
}
