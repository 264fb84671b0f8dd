package io.everynode.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An etcd cluster of N members of the installed {@code etcd} binary (Debian's etcd-server) on
 * free loopback ports, data under a directory given to it, for commands that start their own
 * store (the benchmarks). {@link #start} returns once every member answers {@code /health}
 * healthy; {@link #close} kills every member (kill -9: the data is throwaway) and deletes that
 * directory (each member preallocates 64 MiB of write-ahead log).
 *
 * <p>Tests start etcd through testkit's {@code EtcdCluster}, which adds the faults they inject
 * (stop, kill, pause, restart of one member); testkit is test scope, so commands cannot use it.
 */
public final class LoopbackEtcd implements AutoCloseable {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    private final Path dir;
    private final List<Process> members;
    private final List<URI> clientUrls;

    private LoopbackEtcd(Path dir, List<Process> members, List<URI> clientUrls) {
        this.dir = dir;
        this.members = members;
        this.clientUrls = clientUrls;
    }

    /** The etcd binary on PATH (or /usr/bin/etcd), if installed. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "etcd");
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        Path debian = Path.of("/usr/bin/etcd");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /**
     * Starts {@code size} members with their data and logs ({@code mN.log}) under {@code dir},
     * and waits until each is healthy.
     *
     * @throws IllegalStateException when etcd is not installed, or a member is not healthy within a minute
     */
    public static LoopbackEtcd start(Path dir, int size) throws IOException, InterruptedException {
        if (size < 1) throw new IllegalArgumentException("an etcd cluster needs at least one member, not " + size);
        Path etcd = binary().orElseThrow(() -> new IllegalStateException(
                "etcd is not installed: install Debian's etcd-server (scripts/install-test-tools.sh does)"));
        List<Integer> clientPorts = new ArrayList<>();
        List<Integer> peerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            clientPorts.add(freePort());
            peerPorts.add(freePort());
        }
        String initialCluster = IntStream.range(0, size)
                .mapToObj(i -> "m" + i + "=http://127.0.0.1:" + peerPorts.get(i))
                .collect(Collectors.joining(","));
        List<Process> processes = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        LoopbackEtcd cluster = new LoopbackEtcd(dir, processes, urls);
        try {
            for (int i = 0; i < size; i++) {
                String client = "http://127.0.0.1:" + clientPorts.get(i);
                String peer = "http://127.0.0.1:" + peerPorts.get(i);
                ProcessBuilder builder = new ProcessBuilder(
                                etcd.toString(),
                                "--name=m" + i,
                                "--data-dir=" + Files.createDirectories(dir.resolve("m" + i)),
                                "--listen-client-urls=" + client,
                                "--advertise-client-urls=" + client,
                                "--listen-peer-urls=" + peer,
                                "--initial-advertise-peer-urls=" + peer,
                                "--initial-cluster=" + initialCluster,
                                "--initial-cluster-token=everynode-" + dir.getFileName(),
                                "--initial-cluster-state=new",
                                "--logger=zap",
                                "--log-outputs=stderr")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                dir.resolve("m" + i + ".log").toFile()));
                builder.environment().remove("ETCDCTL_API");
                processes.add(builder.start());
                urls.add(URI.create(client));
            }
            cluster.awaitHealthy();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<URI> clientUrls() {
        return List.copyOf(clientUrls);
    }

    /** The client URLs comma-separated, as {@code --etcd-endpoints} takes them. */
    public String endpoints() {
        return clientUrls.stream().map(URI::toString).collect(Collectors.joining(","));
    }

    public int size() {
        return members.size();
    }

    @Override
    public void close() {
        for (Process p : members) p.destroyForcibly();
        for (Process p : members) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Throwaway data in a temporary place: left behind, not an error.
        }
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        for (int i = 0; i < clientUrls.size(); i++) {
            while (!healthy(http, clientUrls.get(i))) {
                if (!members.get(i).isAlive())
                    throw new IllegalStateException("etcd member m" + i + " exited with "
                            + members.get(i).exitValue() + " (see its log m" + i + ".log)");
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("etcd member m" + i + " not healthy within "
                            + HEALTHY_WITHIN.toSeconds() + " s (see its log m" + i + ".log)");
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static boolean healthy(HttpClient http, URI client) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(client.resolve("/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
