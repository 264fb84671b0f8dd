package io.everynode.controllers.nodelifecycle;

import io.everynode.client.Lister;
import io.everynode.controllers.manager.ControllerContext;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Optional;

/** {@link NodeLifecycleWorld} over the shared informers' caches. */
final class CachedNodeLifecycleWorld implements NodeLifecycleWorld {
    private final Lister<Node> nodes;
    private final Lister<Lease> leases;
    private final Lister<Pod> pods;

    CachedNodeLifecycleWorld(Lister<Node> nodes, Lister<Lease> leases, Lister<Pod> pods) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
    }

    @Override
    public List<Node> nodes() {
        return nodes.list();
    }

    @Override
    public Optional<Node> node(String name) {
        return nodes.get(name);
    }

    @Override
    public Optional<Lease> lease(String nodeName) {
        return leases.get(ControllerContext.NODE_LEASE_NAMESPACE, nodeName);
    }

    @Override
    public List<Pod> podsOnNode(String nodeName) {
        return pods.byIndex(ControllerContext.PODS_BY_NODE_NAME, nodeName);
    }
}
