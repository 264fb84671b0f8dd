package io.everynode.controllers.podgc;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** {@link PodGcWorld} over the shared informers' caches, plus the uncached node GET (R10.5). */
final class CachedPodGcWorld implements PodGcWorld {
    private final Lister<Pod> pods;
    private final Lister<Node> nodes;
    private final KubeClient client;

    CachedPodGcWorld(Lister<Pod> pods, Lister<Node> nodes, KubeClient client) {
        this.pods = pods;
        this.nodes = nodes;
        this.client = client;
    }

    @Override
    public List<Pod> pods() {
        return pods.list();
    }

    @Override
    public List<Node> nodes() {
        return nodes.list();
    }

    /** Straight to the API, past every cache; only a 404 says "gone", anything else throws. */
    @Override
    public boolean nodeExists(String name) {
        try {
            client.get(Node.class, null, name);
            return true;
        } catch (ApiError e) {
            if (e.isNotFound()) return false;
            throw e;
        }
    }
}
