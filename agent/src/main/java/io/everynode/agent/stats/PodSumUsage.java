package io.everynode.agent.stats;

import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import java.util.List;
import java.util.Optional;

/** A simulated node's usage: the sum of its pods' simulated usage (the node itself uses nothing more). */
final class PodSumUsage implements NodeUsageSource {
    @Override
    public Optional<Usage> read(List<PodUsage> pods) {
        Usage sum = new Usage(0, 0);
        for (PodUsage p : pods) for (PodUsage.Container c : p.containers()) sum = sum.plus(c.usage());
        return Optional.of(sum);
    }
}
