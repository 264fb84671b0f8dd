package io.everynode.agent.eviction;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the eviction manager reads {@code memory.available}: the machine (process runtime) or
 * the sum of the pods' simulated use (simulated nodes). Called by one pass at a time.
 */
public interface MemorySignal {

    /** The current observation, or empty when it cannot be made (the pass then does nothing). */
    Optional<MemoryStats> observe(List<ActivePod> active);

    /**
     * This machine: the agent's memory cgroup (limit minus working set) when it runs in a
     * memory-limited cgroup, else {@code /proc/meminfo} (MemTotal, MemAvailable).
     */
    static MemorySignal machine() {
        return new MachineMemory(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /**
     * A simulated node of {@code capacityBytes} (its allocatable memory): available is capacity
     * minus the summed use of its active pods.
     */
    static MemorySignal podSum(long capacityBytes) {
        return new PodSumMemory(capacityBytes);
    }
}
