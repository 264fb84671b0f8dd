package io.everynode.cli;

import io.everynode.cli.bench.ApiBenchmark;
import io.everynode.store.Store;
import io.everynode.store.StoreBenchmark;
import io.everynode.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code everynode bench …}: measurements that print figures (docs/benchmarks.md records them). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {
            BenchCommand.StoreBench.class,
            BenchCommand.ApiBench.class,
            DaemonSetBenchCommand.class,
            ContainersBenchCommand.class,
            UpBenchCommand.class,
            WatchBenchCommand.class,
            ServersBenchCommand.class,
            PlanBenchCommand.class
        })
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println(
                "choose a benchmark: store, api, daemonset, containers, up, watch, servers, plan (see --help)");
    }

    @Command(
            name = "store",
            mixinStandardHelpOptions = true,
            description = "Store writes per second and write latency.")
    static final class StoreBench implements Callable<Integer> {
        @Option(names = "--writers", defaultValue = "8")
        int writers;

        @Option(names = "--writes", defaultValue = "2000", description = "Writes per writer.")
        int writes;

        @Mixin
        BenchStoreFlags store;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("everynode-bench-store");
            try (BenchStoreFlags.Opened opened = store.open(dir);
                    Store s = Stores.open(opened.config(), Clock.systemUTC())) {
                StoreBenchmark.run(s, writers, Math.max(1, writes / 10)); // warm-up
                System.out.println("store " + opened.label() + ": " + StoreBenchmark.run(s, writers, writes));
            }
            return 0;
        }
    }

    @Command(
            name = "api",
            mixinStandardHelpOptions = true,
            description = "API create and update latency with concurrent clients over loopback HTTP or HTTPS.")
    static final class ApiBench implements Callable<Integer> {
        @Option(names = "--clients", defaultValue = "16")
        int clients;

        @Option(names = "--objects", defaultValue = "200", description = "Objects each client creates, then updates.")
        int objects;

        @Mixin
        BenchStoreFlags store;

        @Option(
                names = "--transport",
                defaultValue = "HTTP",
                description =
                        "HTTP (loopback, an open server), HTTPS (loopback, a secure server with the admin certificate)"
                                + " or INPROCESS (the API layer alone).")
        ApiBenchmark.Transport transport;

        @Option(
                names = "--rate",
                defaultValue = "0",
                description = "Requests per second across all clients; 0 sends as fast as answers come (default).")
        double rate;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("everynode-bench-api");
            try (BenchStoreFlags.Opened opened = store.open(dir)) {
                System.out.println("store " + opened.label());
                System.out.println(ApiBenchmark.run(opened.config(), dir, clients, objects, transport, rate));
            }
            return 0;
        }
    }
}
