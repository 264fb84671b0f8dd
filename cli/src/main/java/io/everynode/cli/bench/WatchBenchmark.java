package io.everynode.cli.bench;

import io.everynode.store.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many open watches against a server in a child process ({@link ServerProcess}), with writers
 * creating Leases meanwhile: does every watcher get every change, how slow do writes get, and
 * what do the watches cost the server in threads and memory. A measurement, never a test.
 *
 * <p>Every watch is on the Leases of one namespace from the resourceVersion before the writes,
 * so each successful write is one event for each watch: completeness is events received over
 * writes times watches.
 */
public final class WatchBenchmark {
    private WatchBenchmark() {}

    /** Which watches ask for bookmarks ({@code allowWatchBookmarks=true}). */
    public enum Bookmarks {
        HALF,
        ALL,
        NONE
    }

    public record Options(
            int watches,
            Bookmarks bookmarks,
            int writers,
            double writeRate,
            Duration duration,
            Duration drainTimeout,
            List<String> serverFlags,
            Consumer<String> progress) {}

    public record Result(
            Options options,
            int streaming,
            int endedEarly,
            long writes,
            long failedWrites,
            long delivered,
            long expected,
            Duration deliveredAfter,
            Percentiles writeLatency,
            ServerProcess.Usage before,
            ServerProcess.Usage open,
            ServerProcess.Usage peak,
            ServerProcess.Usage after) {
        public boolean complete() {
            return delivered >= expected && endedEarly == 0;
        }

        @Override
        public String toString() {
            return String.format(
                    "watch: %d watches (bookmarks: %s), %d writers at %.0f writes/s for %d s%n"
                            + "  watches streaming: %d, ended early: %d%n"
                            + "  events delivered: %d of %d (%.2f%%), all in %s after the last write%n"
                            + "  writes: %d ok, %d failed; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                            + "  server: before watches %s; with watches open %s; peak while writing %s; after %s",
                    options.watches(),
                    options.bookmarks().name().toLowerCase(),
                    options.writers(),
                    options.writeRate(),
                    options.duration().toSeconds(),
                    streaming,
                    endedEarly,
                    delivered,
                    expected,
                    expected == 0 ? 100.0 : 100.0 * delivered / expected,
                    delivered >= expected
                            ? deliveredAfter.toMillis() + " ms"
                            : "(not complete after " + deliveredAfter.toSeconds() + " s)",
                    writes,
                    failedWrites,
                    writeLatency.millisAt(0.50),
                    writeLatency.millisAt(0.99),
                    writeLatency.max() / 1e6,
                    before,
                    open,
                    peak,
                    after);
        }
    }

    private static final String NAMESPACE = "bench-watch";
    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/" + NAMESPACE + "/leases";
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");
    private static final int BATCH = 500;

    public static Result run(Options o, Path dataDir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, o.serverFlags(), Duration.ofSeconds(120))) {
            o.progress()
                    .accept("server started at " + server.url() + " (output in " + dataDir.resolve("server.log") + ")");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            send(
                    http,
                    server.url(),
                    "POST",
                    "/api/v1/namespaces",
                    "{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}",
                    201);
            String list = send(http, server.url(), "GET", LEASES, null, 200);
            Matcher m = RESOURCE_VERSION.matcher(list);
            if (!m.find()) throw new IOException("no resourceVersion in the lease list: " + list);
            String rv = m.group(1);
            ServerProcess.Usage before = server.usage();

            URI base = URI.create(server.url());
            try (WatchClients clients = new WatchClients(base.getHost(), base.getPort())) {
                for (int opened = 0; opened < o.watches(); ) {
                    int batch = Math.min(BATCH, o.watches() - opened);
                    for (int i = 0; i < batch; i++, opened++) {
                        boolean bookmarks =
                                o.bookmarks() == Bookmarks.ALL || (o.bookmarks() == Bookmarks.HALF && opened % 2 == 0);
                        clients.open(LEASES + "?watch=true&resourceVersion=" + rv
                                + (bookmarks ? "&allowWatchBookmarks=true" : ""));
                    }
                    int want = opened;
                    if (!waitFor(() -> clients.streaming() + clients.ended() >= want, Duration.ofSeconds(120))) {
                        throw new IOException(
                                "only " + clients.streaming() + " of " + want + " watches started within 120 s");
                    }
                    o.progress().accept(clients.streaming() + " watches open");
                }
                ServerProcess.Usage open = server.usage();

                Peak peak = new Peak(server);
                Thread sampler = new Thread(peak, "bench-usage-sampler");
                sampler.setDaemon(true);
                sampler.start();
                Writers w = new Writers(http, server.url(), o);
                long lastWrite = w.run();
                long expected = w.ok.get() * (long) o.watches();
                o.progress().accept(w.ok.get() + " writes done; waiting for " + expected + " events");
                waitFor(() -> clients.events() >= expected, o.drainTimeout());
                Duration after = Duration.ofNanos(System.nanoTime() - lastWrite);
                peak.stop();
                sampler.join();
                return new Result(
                        o,
                        clients.streaming(),
                        clients.ended(),
                        w.ok.get(),
                        w.failed.get(),
                        clients.events(),
                        expected,
                        after,
                        Percentiles.of(w.latencies()),
                        before,
                        open,
                        peak.max(),
                        server.usage());
            }
        }
    }

    /** Samples the server's usage once a second and keeps the highest thread count (with its RSS). */
    private static final class Peak implements Runnable {
        private final ServerProcess server;
        private volatile boolean stopped;
        private volatile ServerProcess.Usage max = new ServerProcess.Usage(0, 0);

        Peak(ServerProcess server) {
            this.server = server;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    ServerProcess.Usage u = server.usage();
                    if (u.threads() > max.threads() || u.rssMiB() > max.rssMiB()) {
                        max = new ServerProcess.Usage(
                                Math.max(u.threads(), max.threads()), Math.max(u.rssMiB(), max.rssMiB()));
                    }
                    Thread.sleep(1000); // a sampling period, not a wait for a result
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }

        ServerProcess.Usage max() {
            return max;
        }
    }

    /** W threads creating Leases at a fixed total rate for the duration; latency from when each was due. */
    private static final class Writers {
        private final HttpClient http;
        private final String url;
        private final Options o;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final List<long[]> samples = new ArrayList<>();

        Writers(HttpClient http, String url, Options o) {
            this.http = http;
            this.url = url;
            this.o = o;
        }

        /** Runs the writers to the end; answers the nanoTime of the last write's answer. */
        long run() throws InterruptedException {
            long start = System.nanoTime();
            long end = start + o.duration().toNanos();
            double interval = 1e9 / o.writeRate();
            AtomicLong last = new AtomicLong(start);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < o.writers(); c++) {
                int id = c;
                long[] mine =
                        new long[(int) Math.ceil(o.writeRate() * o.duration().toSeconds() / o.writers()) + 2];
                synchronized (samples) {
                    samples.add(mine);
                }
                Thread t = new Thread(
                        () -> {
                            int n = 0;
                            for (int i = 0; ; i++) {
                                long due = start + (long) ((i * (double) o.writers() + id) * interval);
                                if (due >= end || n >= mine.length) break;
                                long wait = due - System.nanoTime();
                                if (wait > 0) sleepNanos(wait);
                                String body = "{\"metadata\":{\"name\":\"w" + id + "-" + i
                                        + "\"},\"spec\":{\"holderIdentity\":\"bench\"}}";
                                try {
                                    send(http, url, "POST", LEASES, body, 201);
                                    ok.incrementAndGet();
                                } catch (Exception e) {
                                    failed.incrementAndGet();
                                }
                                long now = System.nanoTime();
                                mine[n++] = now - due;
                                last.accumulateAndGet(now, Math::max);
                            }
                        },
                        "bench-writer-" + c);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) t.join();
            return last.get();
        }

        long[] latencies() {
            return samples.stream()
                    .flatMapToLong(a -> java.util.Arrays.stream(a).filter(x -> x > 0))
                    .toArray();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String send(HttpClient http, String url, String method, String path, String body, int expect)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
        if (body != null) b.header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect)
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private interface Check {
        boolean done();
    }

    /** Polls {@code check} every 100 ms up to {@code limit}; answers whether it became true. */
    private static boolean waitFor(Check check, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(100);
        }
        return true;
    }
}
