package io.everynode.cli.bench;

import io.everynode.controlplane.ControlPlane;
import io.everynode.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read load spread over several API servers on one store: K servers in this process (each its
 * own API server, watch cache and store client, as K {@code everynode server} processes on one
 * etcd would have), N clients each bound to server {@code c % K} over loopback HTTP, each holding
 * one watch on the benchmark's ConfigMaps and sending, as fast as answers come, gets of one
 * ConfigMap and (every fifth request) lists of all of them; one writer patches a ConfigMap at a
 * fixed rate, on each server in turn, so every watch on every server has the same events to
 * deliver. A measurement, never a test.
 *
 * <p>Only etcd can be shared: SQLite and memory stores belong to one server, so with them
 * {@code servers} must be 1.
 */
public final class ServersBenchmark {
    static final String NS = "bench";
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    private ServersBenchmark() {}

    /**
     * @param objects the ConfigMaps the clients read (created before the clock starts)
     * @param duration how long the clients read and the writer writes
     * @param writeRate the writer's patches per second
     * @param drainTimeout how long, after the last write, the watches may take to deliver its event
     */
    public record Options(
            int servers,
            StoreConfig store,
            String storeLabel,
            int clients,
            int objects,
            Duration duration,
            double writeRate,
            Duration drainTimeout,
            Consumer<String> out) {
        public Options {
            if (servers < 1 || clients < 1 || objects < 1 || writeRate <= 0)
                throw new IllegalArgumentException("servers, clients, objects and the write rate must be positive");
            if (servers > 1 && store.etcd() == null)
                throw new IllegalArgumentException(
                        "several servers share only an etcd store; SQLite and memory belong to one server");
        }
    }

    /** The figures of one run. */
    public record Result(
            int servers,
            String store,
            int clients,
            Duration duration,
            ApiBenchmark.Latencies gets,
            ApiBenchmark.Latencies lists,
            ApiBenchmark.Latencies writes,
            long eventsExpected,
            long eventsDelivered,
            String loadAverage) {
        /** Every watch received every write's event. */
        public boolean complete() {
            return eventsDelivered == eventsExpected;
        }

        /** Gets and lists answered per second, all servers together. */
        public double readsPerSecond() {
            return gets.perSecond() + lists.perSecond();
        }

        @Override
        public String toString() {
            return String.format(
                    """
                    servers: %d API server(s) on %s, %d clients for %d s (load average at the end: %s)
                      reads:  %.0f/s
                      gets:   %s
                      lists:  %s
                      writes: %s
                      watch events delivered: %d of %d (%.2f%%)""",
                    servers,
                    store,
                    clients,
                    duration.toSeconds(),
                    loadAverage,
                    readsPerSecond(),
                    gets,
                    lists,
                    writes,
                    eventsDelivered,
                    eventsExpected,
                    eventsExpected == 0 ? 100.0 : 100.0 * eventsDelivered / eventsExpected);
        }
    }

    public static Result run(Options o) throws Exception {
        List<ControlPlane> planes = new ArrayList<>();
        List<WatchCount> watches = new ArrayList<>();
        try {
            for (int i = 0; i < o.servers(); i++) {
                // API servers alone: nothing but the benchmark reads or writes.
                planes.add(ControlPlane.builder()
                        .store(o.store())
                        .controllers(null)
                        .clock(Clock.systemUTC())
                        .build()
                        .start());
                o.out().accept("server " + i + " at " + planes.get(i).url());
            }
            List<String> urls = planes.stream().map(ControlPlane::url).toList();
            HttpClient seeder = http();
            String base = "/api/v1/namespaces/" + NS + "/configmaps";
            send(seeder, urls.get(0), "POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NS + "\"}}", 201);
            for (int i = 0; i < o.objects(); i++)
                send(
                        seeder,
                        urls.get(0),
                        "POST",
                        base,
                        "{\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{\"v\":\"0\"}}",
                        201);
            String rv = resourceVersion(send(seeder, urls.get(0), "GET", base, null, 200));

            long timeoutSeconds = o.duration().plus(o.drainTimeout()).toSeconds() + 60;
            for (int c = 0; c < o.clients(); c++) {
                WatchCount w = new WatchCount();
                http().sendAsync(
                                get(
                                        urls.get(c % urls.size()),
                                        base + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds="
                                                + timeoutSeconds),
                                HttpResponse.BodyHandlers.fromLineSubscriber(w));
                watches.add(w);
            }
            // A watch is open once its server answered: a write before that would be missed by no
            // one (the watch starts at rv), so no wait is needed for correctness.
            o.out()
                    .accept(o.clients() + " clients, " + o.objects() + " objects; reading for "
                            + o.duration().toSeconds() + " s");

            long deadline = System.nanoTime() + o.duration().toNanos();
            List<long[]> getSamples = new CopyOnWriteArrayList<>();
            List<long[]> listSamples = new CopyOnWriteArrayList<>();
            List<Thread> readers = new ArrayList<>();
            Exception[] failure = new Exception[1];
            for (int c = 0; c < o.clients(); c++) {
                String url = urls.get(c % urls.size());
                int client = c;
                Thread t = new Thread(
                        () -> {
                            HttpClient h = http();
                            Samples gets = new Samples();
                            Samples lists = new Samples();
                            try {
                                for (int i = 0; System.nanoTime() < deadline; i++) {
                                    long start = System.nanoTime();
                                    if (i % 5 == 4) {
                                        send(h, url, "GET", base, null, 200);
                                        lists.add(System.nanoTime() - start);
                                    } else {
                                        send(h, url, "GET", base + "/cm-" + ((i + client) % o.objects()), null, 200);
                                        gets.add(System.nanoTime() - start);
                                    }
                                }
                            } catch (Exception e) {
                                synchronized (failure) {
                                    failure[0] = e;
                                }
                            }
                            getSamples.add(gets.toArray());
                            listSamples.add(lists.toArray());
                        },
                        "bench-reader-" + c);
                t.start();
                readers.add(t);
            }
            long start = System.nanoTime();
            Samples writeSamples = new Samples();
            HttpClient writer = http();
            double interval = 1e9 / o.writeRate();
            long writes = 0;
            while (true) {
                long due = start + (long) (writes * interval);
                if (due >= deadline) break;
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                long t0 = System.nanoTime();
                send(
                        writer,
                        urls.get((int) (writes % urls.size())),
                        "PATCH",
                        base + "/cm-" + (writes % o.objects()),
                        "{\"data\":{\"v\":\"" + (writes + 1) + "\"}}",
                        200);
                writeSamples.add(System.nanoTime() - t0);
                writes++;
            }
            for (Thread t : readers) t.join();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (failure[0] != null)
                throw new IllegalStateException("benchmark request failed: " + failure[0].getMessage(), failure[0]);

            long expected = writes * o.clients();
            long drainUntil = System.nanoTime() + o.drainTimeout().toNanos();
            while (delivered(watches) < expected && System.nanoTime() < drainUntil) TimeUnit.MILLISECONDS.sleep(20);
            return new Result(
                    o.servers(),
                    o.storeLabel(),
                    o.clients(),
                    o.duration(),
                    ApiBenchmark.Latencies.of(concat(getSamples), wall),
                    ApiBenchmark.Latencies.of(concat(listSamples), wall),
                    ApiBenchmark.Latencies.of(writeSamples.toArray(), wall),
                    expected,
                    delivered(watches),
                    Phases.loadAverage());
        } finally {
            for (WatchCount w : watches) w.cancel();
            for (int i = planes.size() - 1; i >= 0; i--) planes.get(i).close();
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest get(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private static String send(HttpClient h, String base, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (method.equals("PATCH")) b.header("Content-Type", "application/merge-patch+json");
        else if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r = h.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected)
            throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /** The list's own resourceVersion: its metadata comes before its items. */
    private static String resourceVersion(String listJson) {
        Matcher m = RESOURCE_VERSION.matcher(listJson);
        if (!m.find()) throw new IllegalStateException("no resourceVersion in the list: " + listJson);
        return m.group(1);
    }

    private static long delivered(List<WatchCount> watches) {
        return watches.stream().mapToLong(w -> w.modified.get()).sum();
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    /** Latencies in nanoseconds, growing as needed; one thread's. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = nanos;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** Counts one watch's MODIFIED events (the writer's patches), line by line as they arrive. */
    private static final class WatchCount implements Flow.Subscriber<String> {
        final AtomicLong modified = new AtomicLong();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.contains("\"type\":\"MODIFIED\"")) modified.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            // A watch that ends early shows as events not delivered.
        }

        @Override
        public void onComplete() {}

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
        }
    }
}
