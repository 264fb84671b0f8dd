package io.everynode.apiserver.metrics;

import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.UsageReport;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU rates from two readings of one node, as metrics-server takes them from two scrapes of the
 * kubelet: the growth of the cumulative counter over the time between the readings, in
 * nanocores; memory is the later reading's working set. Pure.
 *
 * <p>A container gets a rate when the earlier reading has the same instance (same start time)
 * with a counter no larger; a container that started after the earlier reading is measured from
 * its start (counter 0 then). A pod is reported only when every container of the later reading
 * has a rate, so its figure is never a partial sum; a restarted container leaves its pod out until
 * the next reading.
 */
final class UsageRates {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    /** A node's figures: {@code window} ends at {@code timestamp}. */
    record NodeRate(Instant timestamp, Duration window, long nanocores, long memoryBytes) {}

    record ContainerRate(String name, long nanocores, long memoryBytes) {}

    record PodRate(String namespace, String name, Instant timestamp, Duration window, List<ContainerRate> containers) {}

    private UsageRates() {}

    /** The node's rate between the readings, or empty when none can be taken (no time passed, a counter reset). */
    static Optional<NodeRate> node(UsageReport earlier, UsageReport later) {
        Duration window = Duration.between(earlier.timestamp(), later.timestamp());
        long rate = nanocores(earlier.usage().cpuNanos(), later.usage().cpuNanos(), window);
        if (rate < 0) return Optional.empty();
        return Optional.of(
                new NodeRate(later.timestamp(), window, rate, later.usage().workingSetBytes()));
    }

    /** The pods of the later reading that have a rate for every container. */
    static List<PodRate> pods(UsageReport earlier, UsageReport later) {
        Map<String, PodUsage> before = new HashMap<>();
        for (PodUsage p : earlier.pods()) before.put(p.namespace() + "/" + p.name(), p);
        List<PodRate> out = new ArrayList<>();
        for (PodUsage p : later.pods()) {
            PodUsage prev = before.get(p.namespace() + "/" + p.name());
            List<ContainerRate> rates = new ArrayList<>();
            Instant from = later.timestamp();
            for (PodUsage.Container c : p.containers()) {
                Instant since;
                long counter;
                PodUsage.Container pc = prev == null ? null : find(prev, c.name());
                if (pc != null
                        && pc.startTime().equals(c.startTime())
                        && pc.usage().cpuNanos() <= c.usage().cpuNanos()) {
                    since = earlier.timestamp();
                    counter = pc.usage().cpuNanos();
                } else if (c.startTime().isAfter(earlier.timestamp())) {
                    since = c.startTime();
                    counter = 0;
                } else {
                    break;
                }
                long rate = nanocores(counter, c.usage().cpuNanos(), Duration.between(since, later.timestamp()));
                if (rate < 0) break;
                rates.add(new ContainerRate(c.name(), rate, c.usage().workingSetBytes()));
                if (since.isBefore(from)) from = since;
            }
            if (rates.size() == p.containers().size() && !rates.isEmpty())
                out.add(new PodRate(
                        p.namespace(), p.name(), later.timestamp(), Duration.between(from, later.timestamp()), rates));
        }
        return out;
    }

    /**
     * Nanocores used between two counter readings {@code window} apart: (later - earlier) / window
     * seconds, in nanoseconds of CPU per second. -1 when the window is not positive or the counter
     * went down (a new instance counts from zero).
     */
    static long nanocores(long earlierCpuNanos, long laterCpuNanos, Duration window) {
        if (window.isZero() || window.isNegative() || laterCpuNanos < earlierCpuNanos) return -1;
        return BigInteger.valueOf(laterCpuNanos - earlierCpuNanos)
                .multiply(NANOS_PER_SECOND)
                .divide(BigInteger.valueOf(window.toNanos()))
                .longValue();
    }

    private static PodUsage.Container find(PodUsage p, String name) {
        for (PodUsage.Container c : p.containers()) if (c.name().equals(name)) return c;
        return null;
    }
}
