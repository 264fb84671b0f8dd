package io.everynode.agent.eviction;

import io.everynode.api.Priorities;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's eviction manager for memory (R9.4): every {@link EvictionConfig#passPeriod} the agent
 * calls {@link #pass}, which observes {@code memory.available}, keeps the MemoryPressure state,
 * and while available is below the hard threshold evicts at most one pod, the first non-critical
 * one in R9.3 order. Critical pods (R9.2: static, mirror, priority ≥ 2 000 000 000) are never
 * evicted; the next one is tried.
 *
 * <p>Decide, then act (design.md rule 2): the manager decides which pod and with what message;
 * the {@link Host} (the node agent) kills it with grace 0, reports it Failed/Evicted and records
 * the event. Passes are not reentrant: one timer calls them. {@link #memoryPressure} may be read
 * from any thread.
 */
public final class EvictionManager {
    private static final Logger LOG = LoggerFactory.getLogger(EvictionManager.class);

    /** What the manager needs from its node agent. */
    public interface Host {
        /** The pods the node runs that could be evicted (see {@link ActivePod}). */
        List<ActivePod> activePods();

        /**
         * Kills {@code pod} at once (hard eviction: grace 0) and reports it phase Failed, reason
         * Evicted, with {@code message}; the agent never starts it again. False when the pod
         * could not be evicted (gone meanwhile), so the next one is tried.
         */
        boolean evict(Pod pod, String message);

        /** MemoryPressure changed; the agent may post its node status at once. */
        default void pressureChanged(boolean underPressure) {}
    }

    /**
     * What one pass saw and did.
     *
     * @param stats the observation, empty when the signal could not be read
     * @param thresholdBytes the threshold in bytes against that observation (-1 without one)
     * @param pressure the MemoryPressure state after the pass
     * @param evicted the pod evicted, if any
     * @param spared critical pods ranked before it that were passed over
     */
    public record Pass(
            Optional<MemoryStats> stats,
            long thresholdBytes,
            boolean pressure,
            Optional<Pod> evicted,
            List<Pod> spared) {}

    private final EvictionConfig config;
    private final MemorySignal signal;
    private final Clock clock;
    private final Host host;
    /** When the threshold was last seen crossed; null when never. Written by passes only. */
    private volatile Instant lastPressure;

    private volatile boolean pressure;

    public EvictionManager(EvictionConfig config, MemorySignal signal, Clock clock, Host host) {
        this.config = Objects.requireNonNull(config, "config");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.host = Objects.requireNonNull(host, "host");
    }

    public EvictionConfig config() {
        return config;
    }

    /**
     * True from the first pass that sees available memory below the threshold until
     * {@link EvictionConfig#pressureTransitionPeriod} has passed without seeing it again.
     */
    public boolean memoryPressure() {
        return pressure;
    }

    /** One housekeeping pass: observe, update MemoryPressure, evict at most one pod. */
    public Pass pass() {
        List<ActivePod> active = host.activePods();
        Optional<MemoryStats> stats = signal.observe(active);
        Instant now = clock.instant();
        long threshold = stats.map(s -> config.hard().bytes(s.capacityBytes())).orElse(-1L);
        boolean below = stats.isPresent() && stats.get().availableBytes() < threshold;
        if (below) lastPressure = now;
        Instant seen = lastPressure;
        boolean nowPressure =
                below || (seen != null && Duration.between(seen, now).compareTo(config.pressureTransitionPeriod()) < 0);
        if (nowPressure != pressure) {
            pressure = nowPressure;
            LOG.info(
                    "memory pressure {} (available {}, threshold {})",
                    nowPressure ? "began" : "ended",
                    stats.map(s -> Quantities.binary(s.availableBytes())).orElse("?"),
                    Quantities.binary(Math.max(0, threshold)));
            host.pressureChanged(nowPressure);
        }
        if (!below) return new Pass(stats, threshold, nowPressure, Optional.empty(), List.of());

        List<Pod> spared = new ArrayList<>();
        for (ActivePod candidate : EvictionRanking.rank(active)) {
            Pod pod = candidate.pod();
            if (Priorities.isCritical(pod)) {
                LOG.warn(
                        "cannot evict a critical pod {}/{}",
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName());
                spared.add(pod);
                continue;
            }
            String message = EvictionMessage.of(
                    pod,
                    candidate.usageBytes().orElse(-1),
                    threshold,
                    stats.get().availableBytes());
            if (host.evict(pod, message)) {
                LOG.info(
                        "evicted pod {}/{}: {}",
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(),
                        message);
                return new Pass(stats, threshold, nowPressure, Optional.of(pod), spared);
            }
        }
        return new Pass(stats, threshold, nowPressure, Optional.empty(), spared);
    }
}
