package io.everynode.cli;

import io.everynode.cli.bench.WatchBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code everynode bench watch}: N open watches on a server in a child process, while writers create objects. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description =
                "Opens N watches on `everynode server` (a child process), writes Leases meanwhile; prints event delivery,"
                        + " write p99, and the server's threads and RSS.")
final class WatchBenchCommand implements Callable<Integer> {
    @Option(names = "--watches", defaultValue = "1000", description = "Open watches (default: ${DEFAULT-VALUE}).")
    int watches;

    @Option(
            names = "--bookmarks",
            defaultValue = "HALF",
            description = "Which watches ask for bookmarks: HALF, ALL or NONE (default: ${DEFAULT-VALUE}).")
    WatchBenchmark.Bookmarks bookmarks;

    @Option(names = "--writers", defaultValue = "4", description = "Writer threads (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(
            names = "--write-rate",
            defaultValue = "20",
            description = "Writes per second across writers (default: ${DEFAULT-VALUE}).")
    double writeRate;

    @Option(names = "--duration", defaultValue = "30", description = "Seconds of writing (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(
            names = "--drain-timeout",
            defaultValue = "60",
            description = "Seconds to wait after the last write for every event to arrive (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--max-requests-inflight", description = "Passed to the server.")
    Integer maxInflight;

    @Option(names = "--max-mutating-requests-inflight", description = "Passed to the server.")
    Integer maxMutatingInflight;

    @Override
    public Integer call() throws Exception {
        if (watches < 1 || writers < 1 || writeRate <= 0 || durationSeconds < 1 || watches > 15_000) {
            System.err.println("error: --watches 1..15000, --writers >= 1, --write-rate > 0 and --duration >= 1");
            return 2;
        }
        List<String> flags = new ArrayList<>();
        if (maxInflight != null) flags.addAll(List.of("--max-requests-inflight", maxInflight.toString()));
        if (maxMutatingInflight != null)
            flags.addAll(List.of("--max-mutating-requests-inflight", maxMutatingInflight.toString()));
        Path dir = Files.createTempDirectory("everynode-bench-watch");
        WatchBenchmark.Result r = WatchBenchmark.run(
                new WatchBenchmark.Options(
                        watches,
                        bookmarks,
                        writers,
                        writeRate,
                        Duration.ofSeconds(durationSeconds),
                        Duration.ofSeconds(drainSeconds),
                        flags,
                        System.out::println),
                dir);
        System.out.println(r);
        return r.complete() ? 0 : 1;
    }
}
