package io.everynode.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;

/** The ReplicaSet controller's read-only view: informer caches. Returned objects must not be mutated. */
public interface ReplicaSetWorld {
    Optional<ReplicaSet> replicaSet(String namespace, String name);

    List<ReplicaSet> replicaSets(String namespace);

    List<Pod> pods(String namespace);
}
