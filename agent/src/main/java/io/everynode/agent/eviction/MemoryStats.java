package io.everynode.agent.eviction;

/**
 * One observation of the {@code memory.available} signal.
 *
 * @param capacityBytes the memory the signal is measured against (node allocatable, the cgroup's
 *     limit, or MemTotal); percentage thresholds are taken of it
 * @param availableBytes what is left, never negative
 */
public record MemoryStats(long capacityBytes, long availableBytes) {
    public MemoryStats {
        if (availableBytes < 0) availableBytes = 0;
    }
}
