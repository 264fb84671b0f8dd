package io.everynode.agent.stats;

import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a node's own usage comes from: the machine (real containers) or its pods' sum (simulated ones). */
public interface NodeUsageSource {

    /** The node's usage now, given its pods' usage read at the same moment; empty when unknown. */
    Optional<Usage> read(List<PodUsage> pods);

    /** This machine, from {@code /proc/stat} and {@code /proc/meminfo}. */
    static NodeUsageSource machine() {
        return new MachineUsage(Path.of("/proc"));
    }

    /** The sum of the node's pods (a simulated node). */
    static NodeUsageSource podSum() {
        return new PodSumUsage();
    }
}
