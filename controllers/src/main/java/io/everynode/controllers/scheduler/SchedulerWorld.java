package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler reads: informer caches, read-only. Lists may be stale; the scheduler covers
 * the gap between its own binds and the cache with assumed pods.
 *
 * <p>The per-node reads have scanning defaults; a cache-backed world answers them from indices,
 * so placing a pod whose affinity names its node costs that node, not the cluster.
 */
public interface SchedulerWorld {
    List<Node> nodes();

    /** Every pod in every namespace, bound or not. */
    List<Pod> pods();

    Optional<Pod> pod(String namespace, String name);

    default Optional<Node> node(String name) {
        return nodes().stream()
                .filter(n -> name.equals(n.getMetadata().getName()))
                .findFirst();
    }

    /** Pods whose spec.nodeName is {@code node}, terminal ones included. */
    default List<Pod> podsOn(String node) {
        return pods().stream().filter(p -> node.equals(PodFacts.nodeName(p))).toList();
    }

    /** Pods whose status.nominatedNodeName is {@code node}. */
    default List<Pod> nominatedTo(String node) {
        return pods().stream()
                .filter(p -> node.equals(PodFacts.nominatedNode(p)))
                .toList();
    }
}
