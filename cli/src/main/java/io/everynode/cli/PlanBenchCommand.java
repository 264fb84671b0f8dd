package io.everynode.cli;

import io.everynode.api.rollout.Stages;
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

    @Option(
            names = "--pod-start",
            defaultValue = "3",
            description = "Seconds a simulated pod takes from start to Ready (default: ${DEFAULT-VALUE}).")
    double podStartSeconds;

    @Option(
            names = "--stages",
            defaultValue = "0",
            description = "Stages of equal shares of the nodes (everynode.io/stages by maxNodes); 0: unstaged"
                    + " (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(
            names = "--soak",
            defaultValue = "5",
            description = "Seconds each stage but the last soaks, with --stages (default: ${DEFAULT-VALUE}).")
    int soakSeconds;

    @Mixin
    FleetBenchFlags fleet;

    @Mixin
    BenchStoreFlags store;

    @Override
    public Integer call() throws Exception {
        if (stages < 0 || stages > Stages.MAX_STAGES || soakSeconds < 0) {
            System.err.println("error: --stages must be 0 to " + Stages.MAX_STAGES + " and --soak at least 0");
            return 2;
        }
        Path dir = Files.createTempDirectory("everynode-bench-plan");
        try (BenchStoreFlags.Opened opened = store.open(dir)) {
            System.out.println("store " + opened.label());
            PlanBenchmark.Result r = PlanBenchmark.run(new PlanBenchmark.Options(
                    fleet.nodes,
                    opened.config(),
                    fleet.maxUnavailable,
                    Duration.ofMillis(Math.round(podStartSeconds * 1000)),
                    fleet.registerParallelism,
                    fleet.phaseTimeout(),
                    System.out::println,
                    stages,
                    soakSeconds));
            System.out.println(r);
            return r.complete() ? 0 : 1;
        }
    }
}
