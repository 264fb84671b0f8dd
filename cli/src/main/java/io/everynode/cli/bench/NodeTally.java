package io.everynode.cli.bench;

import io.everynode.api.Nodes;
import io.everynode.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The nodes a node informer has shown, and which of them are Ready now (their agents' status). */
final class NodeTally {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    /** What a node informer is told, for this tally. */
    ResourceEventHandler<Node> handler() {
        return ResourceEventHandler.observing(this::observe, this::forget);
    }

    private void forget(Node node) {
        seen.remove(node.getMetadata().getName());
        ready.remove(node.getMetadata().getName());
    }

    private void observe(Node node) {
        String name = node.getMetadata().getName();
        seen.add(name);
        if (Nodes.isReady(node)) ready.add(name);
        else ready.remove(name);
    }

    int seen() {
        return seen.size();
    }

    int ready() {
        return ready.size();
    }
}
