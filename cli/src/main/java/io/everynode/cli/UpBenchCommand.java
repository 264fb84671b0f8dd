package io.everynode.cli;

import io.everynode.cli.bench.UpBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code everynode bench up}: {@code up --nodes N}'s own start path into a temporary directory, timed until usable. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description =
                "Runs `up --nodes N` into a temporary directory; times it until all nodes are Ready and a DaemonSet has N Ready pods.")
final class UpBenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
            names = "--writes",
            defaultValue = "200",
            description = "Lease creates timed while the nodes heartbeat (default: ${DEFAULT-VALUE}).")
    int writes;

    @Option(
            names = "--write-rate",
            defaultValue = "20",
            description = "Those writes per second (default: ${DEFAULT-VALUE}).")
    double writeRate;

    @Option(
            names = "--phase-timeout",
            defaultValue = "600",
            description = "Seconds each phase may take before it is reported as not reached.")
    int phaseTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("everynode-bench-up");
        UpBenchmark.Result r = UpBenchmark.run(
                new UpBenchmark.Options(
                        nodes, writes, writeRate, Duration.ofSeconds(phaseTimeoutSeconds), System.out::println),
                () -> {
                    UpCluster running =
                            new UpCommand().nodes(nodes).dataDir(dir).port(0).open();
                    return new UpBenchmark.Started(running.client(), running);
                });
        System.out.println(r);
        return r.complete() ? 0 : 1;
    }
}
