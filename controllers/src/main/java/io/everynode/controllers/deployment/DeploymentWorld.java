package io.everynode.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;

/** The Deployment controller's read-only view: informer caches. Returned objects must not be mutated. */
public interface DeploymentWorld {
    Optional<Deployment> deployment(String namespace, String name);

    List<Deployment> deployments(String namespace);

    List<ReplicaSet> replicaSets(String namespace);

    Optional<ReplicaSet> replicaSet(String namespace, String name);

    List<Pod> pods(String namespace);
}
