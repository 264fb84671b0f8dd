package io.everynode.cli.bench;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.client.Kubeconfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.store.Percentiles;
import io.everynode.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Whole-path write latency: a server on SQLite in a temporary directory (or memory, or etcd),
 * served over loopback HTTP, and N clients each creating, then updating, its own Leases (the object a node heartbeat
 * writes). A measurement, never a test.
 */
public final class ApiBenchmark {
    private ApiBenchmark() {}

    public record Result(int clients, int objects, Duration elapsed, Latencies creates, Latencies updates) {
        @Override
        public String toString() {
            return String.format(
                    "api: %d clients x %d objects in %d ms%n  create: %s%n  update: %s",
                    clients, objects, elapsed.toMillis(), creates, updates);
        }
    }

    /** Percentiles of a latency sample, in milliseconds. */
    public record Latencies(int count, double perSecond, double p50, double p99, double max) {
        static Latencies of(long[] nanos, Duration wall) {
            Percentiles p = Percentiles.of(nanos);
            return new Latencies(
                    p.count(),
                    p.count() / Math.max(1e-9, wall.toNanos() / 1e9),
                    p.millisAt(0.50),
                    p.millisAt(0.99),
                    p.max() / 1e6);
        }

        @Override
        public String toString() {
            return String.format(
                    "%d requests, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms", count, perSecond, p50, p99, max);
        }
    }

    /**
     * How requests reach the server: loopback HTTP (an open server), loopback HTTPS (a secure
     * server, the client authenticated by the admin client certificate, as {@code server} and
     * {@code up} run), or straight into {@link ApiServer#handle}.
     */
    public enum Transport {
        HTTP,
        HTTPS,
        INPROCESS
    }

    public static Result run(Path dataDir, int clients, int objects) throws Exception {
        return run(dataDir, clients, objects, Transport.HTTP);
    }

    public static Result run(Path dataDir, int clients, int objects, Transport transport) throws Exception {
        return run(dataDir, clients, objects, transport, 0);
    }

    /**
     * @param rate total requests per second across all clients, or 0 to send as fast as the
     *     server answers (closed loop). At a fixed rate each latency is measured from the time the
     *     request was due, so a stalled server is charged for the requests it delayed.
     */
    public static Result run(Path dataDir, int clients, int objects, Transport transport, double rate)
            throws Exception {
        return run(
                dataDir == null ? StoreConfig.memory() : StoreConfig.sqlite(dataDir),
                dataDir == null ? Files.createTempDirectory("everynode-bench-pki") : dataDir,
                clients,
                objects,
                transport,
                rate);
    }

    /** As {@link #run(Path, int, int, Transport, double)} on any store; an HTTPS server keeps its PKI in {@code pkiDir}. */
    public static Result run(StoreConfig store, Path pkiDir, int clients, int objects, Transport transport, double rate)
            throws Exception {
        Clock clock = Clock.systemUTC();
        // An API server alone: no controllers write while the requests are measured.
        ControlPlane.Builder builder =
                ControlPlane.builder().store(store).controllers(null).clock(clock);
        ClusterPki pki = transport == Transport.HTTPS
                ? ClusterPki.open(pkiDir, new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")), clock)
                : null;
        if (pki != null) builder.secure(pki);
        try (ControlPlane cp = builder.build().start()) {
            String path = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
            HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
            if (pki != null)
                http.sslContext(Kubeconfig.load(pki.writeAdminKubeconfig(pkiDir.resolve("kubeconfig"), cp.url()))
                        .sslContext());
            Sender client = transport == Transport.INPROCESS
                    ? new InProcessSender(cp.api())
                    : new HttpSender(cp.url(), http.build());
            // Warm-up: the same requests on other objects, so the JIT has compiled the hot
            // paths before anything is measured.
            phase(clients, c -> {
                for (int i = 0; i < Math.max(20, objects / 2); i++) {
                    String name = "warm-" + c + "-" + i;
                    client.timed("POST", path, null, "{\"metadata\":{\"name\":\"" + name + "\"}}", 201);
                    client.timed(
                            "PATCH",
                            path + "/" + name,
                            "application/merge-patch+json",
                            "{\"spec\":{\"holderIdentity\":\"x\"}}",
                            200);
                }
            });
            long[][] creates = new long[clients][objects];
            long[][] updates = new long[clients][objects];
            // Client c sends its i-th request at start + (i * clients + c) / rate.
            double interval = rate > 0 ? 1e9 / rate : 0;
            Duration createWall = phase(clients, c -> {
                long start = System.nanoTime();
                for (int i = 0; i < objects; i++) {
                    long due = pace(start, i * clients + c, interval);
                    String body = "{\"metadata\":{\"name\":\"bench-" + c + "-" + i
                            + "\"},\"spec\":{\"holderIdentity\":\"n" + c + "\"}}";
                    long took = client.timed("POST", path, null, body, 201);
                    creates[c][i] = due == 0 ? took : System.nanoTime() - due;
                }
            });
            Duration updateWall = phase(clients, c -> {
                long start = System.nanoTime();
                for (int i = 0; i < objects; i++) {
                    long due = pace(start, i * clients + c, interval);
                    String body = "{\"spec\":{\"renewTime\":\"2026-01-01T00:00:00.000000Z\",\"leaseDurationSeconds\":"
                            + (40 + i % 3) + "}}";
                    long took = client.timed(
                            "PATCH", path + "/bench-" + c + "-" + i, "application/merge-patch+json", body, 200);
                    updates[c][i] = due == 0 ? took : System.nanoTime() - due;
                }
            });
            return new Result(
                    clients,
                    objects,
                    createWall.plus(updateWall),
                    Latencies.of(flatten(creates), createWall),
                    Latencies.of(flatten(updates), updateWall));
        }
    }

    private interface ClientWork {
        void run(int client) throws Exception;
    }

    private static Duration phase(int clients, ClientWork work) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    work.run(id);
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        if (failure[0] != null)
            throw new IllegalStateException("benchmark request failed: " + failure[0].getMessage(), failure[0]);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sends one request and returns how long it took, failing on an unexpected status. */
    private interface Sender {
        long timed(String method, String path, String contentType, String body, int expected) throws Exception;
    }

    private record HttpSender(String base, HttpClient client) implements Sender {
        @Override
        public long timed(String method, String path, String contentType, String body, int expected) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) b.header("Content-Type", contentType);
            long start = System.nanoTime();
            HttpResponse<String> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (resp.statusCode() != expected)
                throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + resp.body());
            return took;
        }
    }

    private record InProcessSender(ApiServer api) implements Sender {
        @Override
        public long timed(String method, String path, String contentType, String body, int expected) {
            Map<String, String> headers = contentType == null ? Map.of() : Map.of("content-type", contentType);
            int[] status = {0};
            ApiResponse resp = new ApiResponse() {
                @Override
                public void send(int code, String ct, byte[] bytes) {
                    status[0] = code;
                }

                @Override
                public Stream stream(int code, String ct) {
                    throw new UnsupportedOperationException("no streams in the benchmark");
                }
            };
            long start = System.nanoTime();
            api.handle(new ApiRequest(method, path, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)), resp);
            long took = System.nanoTime() - start;
            if (status[0] != expected) throw new IllegalStateException("status " + status[0]);
            return took;
        }
    }

    /**
     * An open-loop client waits until its request is due and returns that time; an unpaced one
     * ({@code interval == 0}) returns 0 and measures from the send.
     */
    private static long pace(long start, int index, double interval) throws InterruptedException {
        if (interval == 0) return 0;
        long due = start + (long) (index * interval);
        long wait = due - System.nanoTime();
        if (wait > 0) java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        return due;
    }

    private static long[] flatten(long[][] a) {
        return Arrays.stream(a).flatMapToLong(Arrays::stream).toArray();
    }
}
