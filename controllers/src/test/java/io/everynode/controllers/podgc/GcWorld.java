package io.everynode.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** In-memory caches, an "API" node set that may differ from the cache, and recorded writes. */
final class GcWorld implements PodGcWorld, PodGcActions {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    final Map<String, Pod> pods = new LinkedHashMap<>();
    final Map<String, Node> cachedNodes = new LinkedHashMap<>();
    final Set<String> apiNodes = new HashSet<>();
    final List<String> log = new ArrayList<>();
    int nodeGets;

    void node(String name, boolean cached, boolean inApi) {
        if (cached) {
            cachedNodes.put(
                    name,
                    new NodeBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .build());
        }
        if (inApi) {
            apiNodes.add(name);
        }
    }

    void put(Pod p) {
        pods.put(p.getMetadata().getName(), p);
    }

    static Pod pod(String name, String node, String phase, Instant created) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .withCreationTimestamp(created.toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    static Pod terminating(Pod p) {
        return new PodBuilder(p)
                .editMetadata()
                .withDeletionTimestamp(T0.toString())
                .endMetadata()
                .build();
    }

    static Pod evicted(Pod p) {
        return new PodBuilder(p)
                .editStatus()
                .withPhase("Failed")
                .withReason("Evicted")
                .endStatus()
                .build();
    }

    @Override
    public List<Pod> pods() {
        return new ArrayList<>(pods.values());
    }

    @Override
    public List<Node> nodes() {
        return new ArrayList<>(cachedNodes.values());
    }

    @Override
    public boolean nodeExists(String name) {
        nodeGets++;
        return apiNodes.contains(name);
    }

    @Override
    public void markFailed(Pod pod, PodCondition c) {
        log.add("failed " + pod.getMetadata().getName()
                + (c == null
                        ? ""
                        : " " + c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage()));
    }

    @Override
    public void forceDelete(Pod pod) {
        log.add("force-delete " + pod.getMetadata().getName());
        pods.remove(pod.getMetadata().getName());
    }
}
