package io.everynode.agent;

import java.util.List;
import java.util.Map;

/**
 * A pod as the runtime holds it.
 *
 * @param podIPs the pod's addresses, the primary (status.podIP) first; empty while it has none
 * @param containers by container name; a container not started yet is absent
 * @param memoryBytes the memory the pod uses now (the simulated runtime: its
 *     {@code everynode.io/simulate-memory} annotation), for eviction decisions
 * @param stopping whether {@link ContainerRuntime#stopPod} was called
 */
public record RuntimePod(
        String uid,
        String key,
        List<String> podIPs,
        Map<String, RuntimeContainer> containers,
        long memoryBytes,
        boolean stopping) {
    public RuntimePod {
        podIPs = podIPs == null ? List.of() : List.copyOf(podIPs);
        containers = Map.copyOf(containers);
    }

    /** A pod with one address ({@code podIP}, null for none). */
    public RuntimePod(
            String uid,
            String key,
            String podIP,
            Map<String, RuntimeContainer> containers,
            long memoryBytes,
            boolean stopping) {
        this(uid, key, podIP == null ? List.of() : List.of(podIP), containers, memoryBytes, stopping);
    }

    /** The primary address (status.podIP), or null while the pod has none. */
    public String podIP() {
        return podIPs.isEmpty() ? null : podIPs.get(0);
    }

    /** True when no container is waiting or running. */
    public boolean allTerminated() {
        return containers.values().stream().allMatch(c -> c.state() == RuntimeContainer.State.TERMINATED);
    }
}
