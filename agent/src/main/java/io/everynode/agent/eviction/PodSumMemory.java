package io.everynode.agent.eviction;

import java.util.List;
import java.util.Optional;

/** A simulated node's memory: allocatable minus what its active pods use (pods without a figure count 0). */
final class PodSumMemory implements MemorySignal {
    private final long capacityBytes;

    PodSumMemory(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    @Override
    public Optional<MemoryStats> observe(List<ActivePod> active) {
        long used = 0;
        for (ActivePod p : active) used += p.usageBytes().orElse(0);
        return Optional.of(new MemoryStats(capacityBytes, capacityBytes - used));
    }
}
