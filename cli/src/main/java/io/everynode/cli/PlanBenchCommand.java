package io.everynode.cli;

import io.everynode.cli.bench.PlanBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code everynode bench plan}: plan's rollout estimate against the measured rollout on N simulated nodes. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Starts N simulated node agents and a DaemonSet on them, plans its update (everynode plan's"
                + " estimate), applies it and prints the measured rollout time and the ratio (docs/plan.md).")
final class PlanBenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
            names = "--max-unavailable",
            defaultValue = "10%",
            description = "The rolling update's maxUnavailable (default: ${DEFAULT-VALUE}).")
    String maxUnavailable;

    @Option(
            names = "--pod-start",
            defaultValue = "3",
            description = "Seconds a simulated pod takes from start to Ready (default: ${DEFAULT-VALUE}).")
    double podStartSeconds;

    @Mixin
    BenchStoreFlags store;

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
        Path dir = Files.createTempDirectory("everynode-bench-plan");
        try (BenchStoreFlags.Opened opened = store.open(dir)) {
            System.out.println("store " + opened.label());
            PlanBenchmark.Result r = PlanBenchmark.run(new PlanBenchmark.Options(
                    nodes,
                    opened.config(),
                    maxUnavailable,
                    Duration.ofMillis(Math.round(podStartSeconds * 1000)),
                    registerParallelism,
                    Duration.ofSeconds(phaseTimeoutSeconds),
                    System.out::println));
            System.out.println(r);
            return r.complete() ? 0 : 1;
        }
    }
}
