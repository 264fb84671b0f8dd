package io.everynode.cli;

import io.everynode.cli.bench.DaemonSetBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code everynode bench daemonset}: N simulated agents, a DaemonSet on them, rolled, and one node added. */
@Command(
        name = "daemonset",
        mixinStandardHelpOptions = true,
        description =
                "Starts N simulated node agents, creates a DaemonSet, rolls it, adds a node; prints each phase's time and the heap.")
final class DaemonSetBenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Mixin
    BenchStoreFlags store;

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

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("everynode-bench-ds");
        try (BenchStoreFlags.Opened opened = store.open(dir)) {
            System.out.println("store " + opened.label());
            DaemonSetBenchmark.Result r = DaemonSetBenchmark.run(new DaemonSetBenchmark.Options(
                    nodes,
                    opened.config(),
                    maxUnavailable,
                    registerParallelism,
                    DaemonSetBenchmark.Options.instantRuntime(),
                    Duration.ofSeconds(phaseTimeoutSeconds),
                    System.out::println));
            System.out.println(r);
            return r.complete() ? 0 : 1;
        }
    }
}
