package io.everynode.agent.eviction;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node agent's eviction manager works (R9.4), with the kubelet's defaults.
 *
 * @param hard the hard threshold on {@code memory.available} (kubelet: 100Mi); below it the
 *     node is under memory pressure and one pod per pass is evicted at once (grace 0)
 * @param passPeriod how often the manager observes memory and acts (kubelet housekeeping: 10 s)
 * @param pressureTransitionPeriod how long no pressure must be observed before MemoryPressure
 *     goes back to False (kubelet {@code --eviction-pressure-transition-period}: 5 m), so the
 *     condition does not flap around the threshold
 * @param enabled false turns the manager off (no passes; MemoryPressure stays False)
 */
public record EvictionConfig(
        MemoryThreshold hard, Duration passPeriod, Duration pressureTransitionPeriod, boolean enabled) {
    public EvictionConfig {
        Objects.requireNonNull(hard, "hard");
        if (passPeriod.isNegative() || passPeriod.isZero())
            throw new IllegalArgumentException("passPeriod must be positive");
        if (pressureTransitionPeriod.isNegative())
            throw new IllegalArgumentException("pressureTransitionPeriod must not be negative");
    }

    public static EvictionConfig defaults() {
        return new EvictionConfig(MemoryThreshold.DEFAULT, Duration.ofSeconds(10), Duration.ofMinutes(5), true);
    }

    public static EvictionConfig disabled() {
        return new EvictionConfig(MemoryThreshold.DEFAULT, Duration.ofSeconds(10), Duration.ofMinutes(5), false);
    }

    /**
     * Parses the kubelet's {@code --eviction-hard} value, e.g. {@code memory.available<100Mi} or
     * {@code memory.available<5%,nodefs.available<10%}: the memory threshold is taken; the
     * kubelet's disk and pid signals are accepted and not acted on (only memory is watched).
     *
     * @throws IllegalArgumentException naming the part at fault and what was expected
     */
    public static MemoryThreshold parseHard(String text) {
        MemoryThreshold memory = null;
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int lt = p.indexOf('<');
            if (lt <= 0)
                throw new IllegalArgumentException(
                        "not a threshold: \"" + p + "\" (use signal<quantity, e.g. memory.available<100Mi)");
            String signal = p.substring(0, lt).strip();
            String value = p.substring(lt + 1);
            switch (signal) {
                case MemoryThreshold.SIGNAL -> memory = MemoryThreshold.parse(value);
                case "nodefs.available",
                        "nodefs.inodesFree",
                        "imagefs.available",
                        "imagefs.inodesFree",
                        "pid.available" -> {}
                default ->
                    throw new IllegalArgumentException(
                            "unknown eviction signal \"" + signal + "\" in \"" + p + "\" (use memory.available)");
            }
        }
        if (memory == null) throw new IllegalArgumentException("no memory.available threshold in \"" + text + "\"");
        return memory;
    }

    public EvictionConfig withHard(MemoryThreshold t) {
        return new EvictionConfig(t, passPeriod, pressureTransitionPeriod, enabled);
    }

    public EvictionConfig withPassPeriod(Duration d) {
        return new EvictionConfig(hard, d, pressureTransitionPeriod, enabled);
    }

    public EvictionConfig withPressureTransitionPeriod(Duration d) {
        return new EvictionConfig(hard, passPeriod, d, enabled);
    }
}
