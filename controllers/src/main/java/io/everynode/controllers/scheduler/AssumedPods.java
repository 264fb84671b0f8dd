package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods this scheduler placed (spec.nodeName set) that the cache does not show bound yet, by key
 * and by node. A pod counts on its node from the moment it is assumed, while its binding is still
 * in flight, so the next pod already sees its requests and ports. Indexed by node so that building
 * one node's info costs that node's assumed pods, not all of them (at 5000 nodes with binds in
 * flight there can be thousands). Not thread-safe: the scheduling thread owns it.
 */
final class AssumedPods {
    private final Map<String, Pod> byKey = new HashMap<>();
    private final Map<String, Map<String, Pod>> byNode = new HashMap<>();

    void put(String key, Pod pod) {
        remove(key);
        byKey.put(key, pod);
        byNode.computeIfAbsent(PodFacts.nodeName(pod), n -> new LinkedHashMap<>())
                .put(key, pod);
    }

    /** Forgets the pod; true when it was assumed. */
    boolean remove(String key) {
        Pod gone = byKey.remove(key);
        if (gone == null) {
            return false;
        }
        String node = PodFacts.nodeName(gone);
        Map<String, Pod> on = byNode.get(node);
        if (on != null) {
            on.remove(key);
            if (on.isEmpty()) byNode.remove(node);
        }
        return true;
    }

    /** The assumed pod of {@code key}, or null. */
    Pod get(String key) {
        return byKey.get(key);
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** The pods assumed on {@code node}, in the order they were assumed. */
    Collection<Pod> on(String node) {
        Map<String, Pod> on = byNode.get(node);
        return on == null ? List.of() : on.values();
    }

    Collection<Pod> all() {
        return byKey.values();
    }

    void removeAll(Set<String> keys) {
        for (String k : new ArrayList<>(byKey.keySet())) {
            if (keys.contains(k)) remove(k);
        }
    }
}
