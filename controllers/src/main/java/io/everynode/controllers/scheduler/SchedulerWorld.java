package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler reads: informer caches, read-only. Lists may be stale; the scheduler covers
 * the gap between its own binds and the cache with assumed pods.
 */
public interface SchedulerWorld {
    List<Node> nodes();

    /** Every pod in every namespace, bound or not. */
    List<Pod> pods();

    Optional<Pod> pod(String namespace, String name);
}
