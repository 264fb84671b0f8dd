package io.everynode.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Runs {@link StoreBenchmark} once against memory and SQLite (a temp dir); not a test. */
public final class StoreBenchmarkMain {
    private StoreBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perWriter = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (Store memory = Stores.open(StoreConfig.memory(), Clock.systemUTC())) {
            StoreBenchmark.run(memory, writers, perWriter / 4); // warm-up
            System.out.println("memory: " + StoreBenchmark.run(memory, writers, perWriter));
        }
        Path dir = Files.createTempDirectory("everynode-bench");
        try (Store sqlite =
                Stores.open(StoreConfig.sqlite(dir).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
            StoreBenchmark.run(sqlite, writers, perWriter / 4);
            System.out.println("sqlite: " + StoreBenchmark.run(sqlite, writers, perWriter));
            System.out.println("sqlite, 1 writer: " + StoreBenchmark.run(sqlite, 1, perWriter / 4));
        }
    }
}
