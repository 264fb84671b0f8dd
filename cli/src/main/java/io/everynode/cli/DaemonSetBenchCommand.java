package io.everynode.cli;

import io.everynode.cli.bench.DaemonSetBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code everynode bench daemonset}: a DaemonSet on N registered nodes, rolled, and one node added. */
@Command(name = "daemonset", mixinStandardHelpOptions = true,
        description = "Registers N nodes, creates a DaemonSet, rolls it, adds a node; prints each phase's time and the heap.")
final class DaemonSetBenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1000", description = "Nodes to register (default: ${DEFAULT-VALUE}).") int nodes;
    @Option(names = "--backend", defaultValue = "sqlite", description = "sqlite (a temporary directory) or memory.") String backend;
    @Option(names = "--max-unavailable", defaultValue = "10%", description = "The rolling update's maxUnavailable (default: ${DEFAULT-VALUE}).")
    String maxUnavailable;
    @Option(names = "--node-writers", defaultValue = "4", description = "Concurrent writers registering nodes.") int nodeWriters;
    @Option(names = "--kubelet-workers", defaultValue = "4", description = "Threads the simulated kubelets write with.") int kubeletWorkers;
    @Option(names = "--phase-timeout", defaultValue = "600", description = "Seconds each phase may take before it is reported as not reached.")
    int phaseTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!backend.equals("sqlite") && !backend.equals("memory")) {
            System.err.println("error: --backend is sqlite or memory");
            return 2;
        }
        Path dir = backend.equals("memory") ? null : Files.createTempDirectory("everynode-bench-ds");
        DaemonSetBenchmark.Result r = DaemonSetBenchmark.run(new DaemonSetBenchmark.Options(nodes, dir, maxUnavailable, nodeWriters,
                kubeletWorkers, Duration.ofSeconds(phaseTimeoutSeconds)));
        System.out.println(r);
        return 0;
    }
}
