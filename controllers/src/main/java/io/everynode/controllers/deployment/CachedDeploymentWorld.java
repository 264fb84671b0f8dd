package io.everynode.controllers.deployment;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;

/** {@link DeploymentWorld} over the shared informers' caches. */
final class CachedDeploymentWorld implements DeploymentWorld {
    private final Lister<Deployment> deployments;
    private final Lister<ReplicaSet> replicaSets;
    private final Lister<Pod> pods;

    CachedDeploymentWorld(Lister<Deployment> deployments, Lister<ReplicaSet> replicaSets, Lister<Pod> pods) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return deployments.get(namespace, name);
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return deployments.list(namespace);
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
        return replicaSets.list(namespace);
    }

    @Override
    public Optional<ReplicaSet> replicaSet(String namespace, String name) {
        return replicaSets.get(namespace, name);
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.list(namespace);
    }
}
