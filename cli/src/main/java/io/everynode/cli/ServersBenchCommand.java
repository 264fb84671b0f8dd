package io.everynode.cli;

import io.everynode.cli.bench.ServersBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code everynode bench servers}: read load spread over 1, 2, 3… API servers on one store. */
@Command(
        name = "servers",
        mixinStandardHelpOptions = true,
        description = "Starts API servers on one store (several need --backend etcd), spreads clients' gets, lists and"
                + " watches over them while one writer patches; prints reads per second and latencies.")
final class ServersBenchCommand implements Callable<Integer> {
    @Option(names = "--servers", defaultValue = "1", description = "API servers (default: ${DEFAULT-VALUE}).")
    int servers;

    @Option(
            names = "--clients",
            defaultValue = "12",
            description = "Reading clients, each with a watch (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--objects", defaultValue = "100", description = "ConfigMaps read (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds of reading (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(
            names = "--write-rate",
            defaultValue = "20",
            description = "Patches per second (default: ${DEFAULT-VALUE}).")
    double writeRate;

    @Mixin
    BenchStoreFlags store;

    @Override
    public Integer call() throws Exception {
        if (servers > 1 && !store.backend.equals("etcd")) {
            System.err.println("error: several servers share only an etcd store (--backend etcd)");
            return 2;
        }
        Path dir = Files.createTempDirectory("everynode-bench-servers");
        try (BenchStoreFlags.Opened opened = store.open(dir)) {
            ServersBenchmark.Result r = ServersBenchmark.run(new ServersBenchmark.Options(
                    servers,
                    opened.config(),
                    opened.label(),
                    clients,
                    objects,
                    Duration.ofSeconds(durationSeconds),
                    writeRate,
                    Duration.ofSeconds(60),
                    System.out::println));
            System.out.println(r);
            return r.complete() ? 0 : 1;
        }
    }
}
