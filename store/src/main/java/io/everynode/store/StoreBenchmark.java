package io.everynode.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Write throughput and latency of a store ({@code everynode bench store}); a measurement, not
 * a test. Each writer creates its own keys, so writers contend only for the store's commit.
 */
public final class StoreBenchmark {

    /** What one run measured: writes per second over the wall time, and per-write latency. */
    public record Result(
            int writers, long writes, Duration elapsed, double writesPerSecond, Duration p50, Duration p99) {
        @Override
        public String toString() {
            return String.format(
                    "%d writers, %d writes in %d ms: %.0f writes/s, p50 %.3f ms, p99 %.3f ms",
                    writers, writes, elapsed.toMillis(), writesPerSecond, p50.toNanos() / 1e6, p99.toNanos() / 1e6);
        }
    }

    private StoreBenchmark() {}

    /** Runs {@code writers} threads, each creating {@code writesPerWriter} keys of a ~300-byte JSON value. */
    public static Result run(Store store, int writers, int writesPerWriter) {
        if (writers < 1 || writesPerWriter < 1) {
            throw new IllegalArgumentException("writers and writesPerWriter must be positive");
        }
        String run = "/bench/" + store.currentRevision() + "-" + System.nanoTime() + "/";
        byte[] value = ("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"bench\",\"namespace\":\"default\","
                        + "\"labels\":{\"app\":\"bench\"}},\"spec\":{\"nodeName\":\"node-0001\",\"containers\":"
                        + "[{\"name\":\"agent\",\"image\":\"registry.example/agent:1.0\",\"resources\":{\"limits\":"
                        + "{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}]},\"status\":{\"phase\":\"Running\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long[][] latencies = new long[writers][writesPerWriter];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(
                    () -> {
                        try {
                            go.await();
                            for (int i = 0; i < writesPerWriter; i++) {
                                long start = System.nanoTime();
                                store.create(run + writer + "/" + i, value);
                                latencies[writer][i] = System.nanoTime() - start;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            synchronized (failure) {
                                failure[0] = e;
                            }
                        }
                    },
                    "bench-writer-" + w);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("benchmark interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        Percentiles all = Percentiles.of(latencies);
        long writes = all.count();
        return new Result(
                writers,
                writes,
                Duration.ofNanos(elapsed),
                writes / (elapsed / 1e9),
                Duration.ofNanos(all.at(0.50)),
                Duration.ofNanos(all.at(0.99)));
    }
}
