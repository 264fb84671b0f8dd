package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Optional;

/** What node lifecycle reads: informer caches, read-only. */
public interface NodeLifecycleWorld {
    List<Node> nodes();

    Optional<Node> node(String name);

    /** The node's heartbeat Lease (namespace kube-node-lease, same name as the node). */
    Optional<Lease> lease(String nodeName);

    /** Pods whose spec.nodeName is the node. */
    List<Pod> podsOnNode(String nodeName);
}
