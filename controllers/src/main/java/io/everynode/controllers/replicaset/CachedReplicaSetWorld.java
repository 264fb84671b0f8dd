package io.everynode.controllers.replicaset;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;

/** {@link ReplicaSetWorld} over the shared informers' caches. */
final class CachedReplicaSetWorld implements ReplicaSetWorld {
    private final Lister<ReplicaSet> replicaSets;
    private final Lister<Pod> pods;

    CachedReplicaSetWorld(Lister<ReplicaSet> replicaSets, Lister<Pod> pods) {
        this.replicaSets = replicaSets;
        this.pods = pods;
    }

    @Override
    public Optional<ReplicaSet> replicaSet(String namespace, String name) {
        return replicaSets.get(namespace, name);
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
        return replicaSets.list(namespace);
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.list(namespace);
    }
}
