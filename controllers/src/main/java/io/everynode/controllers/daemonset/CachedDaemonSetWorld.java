package io.everynode.controllers.daemonset;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Optional;

/** The DaemonSet controller's view of the cluster: the shared informers' caches (read-only). */
final class CachedDaemonSetWorld implements DaemonSetWorld {
    private final Lister<DaemonSet> daemonSets;
    private final Lister<Node> nodes;
    private final Lister<Pod> pods;
    private final Lister<ControllerRevision> revisions;

    CachedDaemonSetWorld(
            Lister<DaemonSet> daemonSets, Lister<Node> nodes, Lister<Pod> pods, Lister<ControllerRevision> revisions) {
        this.daemonSets = daemonSets;
        this.nodes = nodes;
        this.pods = pods;
        this.revisions = revisions;
    }

    @Override
    public Optional<DaemonSet> daemonSet(String namespace, String name) {
        return daemonSets.get(namespace, name);
    }

    @Override
    public List<DaemonSet> daemonSets() {
        return daemonSets.list();
    }

    @Override
    public List<Node> nodes() {
        return nodes.list();
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.list(namespace);
    }

    @Override
    public List<ControllerRevision> revisions(String namespace) {
        return revisions.list(namespace);
    }
}
