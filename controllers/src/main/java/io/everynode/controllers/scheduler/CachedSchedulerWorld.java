package io.everynode.controllers.scheduler;

import io.everynode.client.Lister;
import io.everynode.controllers.manager.ControllerContext;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * {@link SchedulerWorld} over the shared informers' caches; per-node reads use the pod cache's
 * {@link ControllerContext#PODS_BY_NODE_NAME} index and the scheduler's own
 * {@link #PODS_BY_NOMINATED_NODE} index (added by {@link SchedulerRunner}).
 */
final class CachedSchedulerWorld implements SchedulerWorld {
    static final String PODS_BY_NOMINATED_NODE = "status.nominatedNodeName";

    private final Lister<Node> nodes;
    private final Lister<Pod> pods;

    CachedSchedulerWorld(Lister<Node> nodes, Lister<Pod> pods) {
        this.nodes = nodes;
        this.pods = pods;
    }

    @Override
    public List<Node> nodes() {
        return nodes.list();
    }

    @Override
    public List<Pod> pods() {
        return pods.list();
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
        return pods.get(namespace, name);
    }

    @Override
    public Optional<Node> node(String name) {
        return nodes.get(name);
    }

    @Override
    public List<Pod> podsOn(String node) {
        return pods.byIndex(ControllerContext.PODS_BY_NODE_NAME, node);
    }

    @Override
    public List<Pod> nominatedTo(String node) {
        return pods.byIndex(PODS_BY_NOMINATED_NODE, node);
    }
}
