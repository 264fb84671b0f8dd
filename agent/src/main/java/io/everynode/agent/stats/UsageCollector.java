package io.everynode.agent.stats;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Takes one node's reading: every running container of the given pods that the runtime has a
 * figure for ({@link ContainerRuntime#usage}), then the node's own usage from its
 * {@link NodeUsageSource}, stamped with the injected clock. A pod none of whose containers has a
 * figure is left out, as the kubelet leaves out what it has no stats for.
 */
public final class UsageCollector {
    private final String node;
    private final ContainerRuntime runtime;
    private final NodeUsageSource nodeUsage;
    private final Clock clock;

    public UsageCollector(String node, ContainerRuntime runtime, NodeUsageSource nodeUsage, Clock clock) {
        this.node = node;
        this.runtime = runtime;
        this.nodeUsage = nodeUsage;
        this.clock = clock;
    }

    /** The reading of the pods with these uids; empty when the node's own usage cannot be read. */
    public Optional<UsageReport> collect(Collection<String> podUids) {
        // Stamped before reading, in whole milliseconds: a simulated counter read in the same
        // millisecond is exact at the stamp (a real one is read within moments of it).
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<PodUsage> pods = new ArrayList<>();
        for (String uid : podUids) {
            RuntimePod rp = runtime.pod(uid).orElse(null);
            if (rp == null) continue;
            List<PodUsage.Container> cs = new ArrayList<>();
            for (RuntimeContainer c : rp.containers().values()) {
                if (c.state() != RuntimeContainer.State.RUNNING || c.startedAt() == null) continue;
                Optional<Usage> u = runtime.usage(uid, c.name());
                u.ifPresent(usage -> cs.add(new PodUsage.Container(c.name(), c.startedAt(), usage)));
            }
            int slash = rp.key().indexOf('/');
            if (!cs.isEmpty() && slash > 0)
                pods.add(new PodUsage(rp.key().substring(0, slash), rp.key().substring(slash + 1), cs));
        }
        return nodeUsage.read(pods).map(u -> new UsageReport(node, at, u, pods));
    }
}
