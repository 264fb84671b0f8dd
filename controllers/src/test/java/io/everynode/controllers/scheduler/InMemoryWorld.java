package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The caches, as a test sets them. */
final class InMemoryWorld implements SchedulerWorld {
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Pod> pods = new LinkedHashMap<>();

    InMemoryWorld add(Node... ns) {
        for (Node n : ns) {
            nodes.put(n.getMetadata().getName(), n);
        }
        return this;
    }

    InMemoryWorld add(Pod... ps) {
        for (Pod p : ps) {
            pods.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
        }
        return this;
    }

    void remove(Pod p) {
        pods.remove(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
    }

    @Override
    public List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    @Override
    public List<Pod> pods() {
        return new ArrayList<>(pods.values());
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
        return Optional.ofNullable(pods.get(namespace + "/" + name));
    }
}
