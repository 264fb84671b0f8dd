package io.everynode.cli;

import io.everynode.cli.bench.DaemonSetBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code everynode bench daemonset}: N simulated agents, a DaemonSet on them, rolled, and one node added. */
@Command(
        name = "daemonset",
        mixinStandardHelpOptions = true,
        description =
                "Starts N simulated node agents, creates a DaemonSet, rolls it, adds a node; prints each phase's time and the heap.")
final class DaemonSetBenchCommand implements Callable<Integer> {

    @Mixin
    FleetBenchFlags fleet;

    @Mixin
    BenchStoreFlags store;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("everynode-bench-ds");
        try (BenchStoreFlags.Opened opened = store.open(dir)) {
            System.out.println("store " + opened.label());
            DaemonSetBenchmark.Result r = DaemonSetBenchmark.run(new DaemonSetBenchmark.Options(
                    fleet.nodes,
                    opened.config(),
                    fleet.maxUnavailable,
                    fleet.registerParallelism,
                    DaemonSetBenchmark.Options.instantRuntime(),
                    fleet.phaseTimeout(),
                    System.out::println));
            System.out.println(r);
            return r.complete() ? 0 : 1;
        }
    }
}
