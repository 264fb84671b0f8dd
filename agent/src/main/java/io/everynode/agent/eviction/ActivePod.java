package io.everynode.agent.eviction;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A pod the agent runs that may be evicted: bound to the node, not terminal, not being deleted,
 * not already evicted.
 *
 * @param pod the pod as the agent's cache holds it (spec.priority, requests, annotations)
 * @param usageBytes the memory it uses now, empty when the runtime has no figure ("no stats":
 *     such pods rank first, R9.3)
 */
public record ActivePod(Pod pod, OptionalLong usageBytes) {
    public ActivePod {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(usageBytes, "usageBytes");
    }
}
