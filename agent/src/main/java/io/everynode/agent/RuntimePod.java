package io.everynode.agent;

import java.util.Map;

/**
 * A pod as the runtime holds it.
 *
 * @param containers by container name; a container not started yet is absent
 * @param memoryBytes the memory the pod uses now (the simulated runtime: its
 *     {@code everynode.io/simulate-memory} annotation), for eviction decisions
 * @param stopping whether {@link ContainerRuntime#stopPod} was called
 */
public record RuntimePod(
        String uid,
        String key,
        String podIP,
        Map<String, RuntimeContainer> containers,
        long memoryBytes,
        boolean stopping) {
    public RuntimePod {
        containers = Map.copyOf(containers);
    }

    /** True when no container is waiting or running. */
    public boolean allTerminated() {
        return containers.values().stream().allMatch(c -> c.state() == RuntimeContainer.State.TERMINATED);
    }
}
