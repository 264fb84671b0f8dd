package io.everynode.controllers.scheduler;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** {@link SchedulerWorld} over the shared informers' caches. */
final class CachedSchedulerWorld implements SchedulerWorld {
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
}
