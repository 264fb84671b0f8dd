package io.everynode.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the benchmarks that roll a DaemonSet over simulated nodes: {@code bench daemonset}, {@code bench plan}. */
final class FleetBenchFlags {
    @Option(names = "--nodes", defaultValue = "1000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
            names = "--max-unavailable",
            defaultValue = "10%",
            description = "The rolling update's maxUnavailable (default: ${DEFAULT-VALUE}).")
    String maxUnavailable;

    @Option(
            names = "--register-parallelism",
            defaultValue = "8",
            description = "Nodes registering at once (default: ${DEFAULT-VALUE}).")
    int registerParallelism;

    @Option(
            names = "--phase-timeout",
            defaultValue = "600",
            description = "Seconds each phase may take before it is reported as not reached.")
    int phaseTimeoutSeconds;

    Duration phaseTimeout() {
        return Duration.ofSeconds(phaseTimeoutSeconds);
    }
}
