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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one launcher of etcd members on loopback for the commands that start their own (Debian's
 * etcd 3.4): {@code up --ha N}, the benchmarks without {@code --etcd-endpoints}, and the scratch
 * etcd of an etcd snapshot restore. Member {@code mK} keeps its data in {@code DIR/mK/data} and
 * its log in {@code DIR/mK/etcd.log}; the ports are chosen free and written to {@code DIR/ports}
 * (a member's peer URL is part of the cluster's membership, so a resumed cluster must use the same
 * ones). {@link #start} returns once every member answers {@code /health} healthy.
 *
 * <p>{@link Options} say whether {@code DIR/ports} may be resumed and whether {@link #close()}
 * throws the data away (kill -9, then the directory deleted: each member preallocates 64 MiB of
 * write-ahead log) or keeps it (SIGTERM, SIGKILL after 30 s). Either way no member is left running.
 *
 * <p>Where etcd and etcdctl are found, and the message when they are not, are here too. Tests start
 * etcd through testkit's {@code EtcdCluster}, which adds the faults they inject; testkit is test
 * scope, so commands cannot use it.
 */
final class LocalEtcd implements AutoCloseable {
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(2);
    private static final Map<String, String> DEBIAN_PACKAGE = Map.of("etcd", "etcd-server", "etcdctl", "etcd-client");

    /**
     * How a cluster's directory is treated.
     *
     * @param resume start the members {@code DIR/ports} names (made by an earlier start, or by
     *     {@link #layout}); without it a directory that has them is refused
     * @param deleteDataOnClose kill the members and delete the directory on close
     */
    record Options(boolean resume, boolean deleteDataOnClose) {
        /** {@code up --ha}: kept, and resumed by the next {@code up --ha} on the same directory. */
        static final Options KEPT = new Options(true, false);

        /** The benchmarks: a new cluster each time, gone after. */
        static final Options THROWAWAY = new Options(false, true);
    }

    /** One member: its name in the cluster, its directory, and its loopback ports. */
    record Member(String name, Path dir, int clientPort, int peerPort) {
        URI clientUrl() {
            return URI.create("http://127.0.0.1:" + clientPort);
        }

        String peerUrl() {
            return "http://127.0.0.1:" + peerPort;
        }

        Path dataDir() {
            return dir.resolve("data");
        }

        Path log() {
            return dir.resolve("etcd.log");
        }
    }

    private final List<Member> members;
    private final Path dir;
    private final Options options;
    private final List<Process> processes = new ArrayList<>();

    private LocalEtcd(List<Member> members, Path dir, Options options) {
        this.members = members;
        this.dir = dir;
        this.options = options;
    }

    /** {@code tool} (etcd or etcdctl) on the PATH, else in /usr/bin, if installed. */
    static Optional<Path> onPath(String tool) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!dir.isEmpty()) candidates.add(Path.of(dir, tool));
        candidates.add(Path.of("/usr/bin", tool));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The etcd binary on the PATH (or /usr/bin/etcd), if installed. */
    static Optional<Path> binary() {
        return onPath("etcd");
    }

    /** Why {@code who} (a command, as the user typed it) cannot go on without {@code tool}, and how to get it. */
    static String missingMessage(String who, String tool) {
        String debian = DEBIAN_PACKAGE.getOrDefault(tool, "etcd-server");
        return who + " needs " + tool + " (3.4 or later) and found none on the PATH: install Debian's " + debian
                + " (sudo apt-get install " + debian + "), or put an " + tool + " binary on the PATH";
    }

    /**
     * The members of a cluster of {@code size} under {@code dir}: those {@code dir/ports} names
     * when {@code resume} is set and it exists, else new free ports written there. Callers that
     * prepare the members' data themselves (a snapshot restore) lay them out with this, then
     * {@link #start} with {@code resume}.
     *
     * @throws IllegalArgumentException when {@code dir/ports} names another number of members, or
     *     exists and {@code resume} is not set
     */
    static List<Member> layout(Path dir, int size, boolean resume) throws IOException {
        if (size < 1) throw new IllegalArgumentException("an etcd cluster needs at least one member, not " + size);
        Files.createDirectories(dir);
        Path file = dir.resolve("ports");
        List<Member> out = new ArrayList<>();
        if (Files.exists(file)) {
            if (!resume)
                throw new IllegalArgumentException(dir + " holds an etcd cluster already; start a new one elsewhere");
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split(" ");
                if (f.length == 3)
                    out.add(new Member(f[0], dir.resolve(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])));
            }
            if (out.size() != size)
                throw new IllegalArgumentException(dir + " holds an etcd cluster of " + out.size() + " members, not "
                        + size + ": use --ha " + out.size() + ", or another --data-dir");
            return out;
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= size; i++) {
            Member m = new Member("m" + i, dir.resolve("m" + i), freePort(), freePort());
            out.add(m);
            lines.append(m.name())
                    .append(' ')
                    .append(m.clientPort())
                    .append(' ')
                    .append(m.peerPort())
                    .append('\n');
        }
        Files.writeString(file, lines);
        return out;
    }

    /**
     * Starts {@code size} members of {@code binary} under {@code dir} (or resumes those laid out
     * there, as {@code options} allow) and waits until each is healthy; on failure stops those it
     * started (and with {@code deleteDataOnClose} deletes {@code dir}), so the message carries the
     * end of the failed member's log.
     */
    static LocalEtcd start(Path binary, Path dir, int size, Options options) throws IOException {
        LocalEtcd etcd = new LocalEtcd(layout(dir, size, options.resume()), dir, options);
        try {
            String cluster =
                    etcd.members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
            String token = "everynode-" + dir.getFileName();
            for (Member m : etcd.members) etcd.processes.add(launch(binary, m, cluster, token));
            etcd.awaitHealthy();
        } catch (IOException | RuntimeException e) {
            etcd.close();
            throw e;
        }
        return etcd;
    }

    /** The members' client URLs, comma-separated, as {@code --etcd-endpoints} takes them. */
    String endpoints() {
        return members.stream().map(m -> m.clientUrl().toString()).collect(Collectors.joining(","));
    }

    List<URI> clientUrls() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** The members' processes (for tests that check nothing is left). */
    List<ProcessHandle> processes() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** The {@code --initial-*} flags count only for a member without data; a resumed one ignores them. */
    private static Process launch(Path binary, Member m, String cluster, String token) throws IOException {
        Files.createDirectories(m.dir());
        ProcessBuilder b = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--name=" + m.name(),
                        "--data-dir=" + m.dataDir(),
                        "--listen-client-urls=" + m.clientUrl(),
                        "--advertise-client-urls=" + m.clientUrl(),
                        "--listen-peer-urls=" + m.peerUrl(),
                        "--initial-advertise-peer-urls=" + m.peerUrl(),
                        "--initial-cluster=" + cluster,
                        "--initial-cluster-token=" + token,
                        "--initial-cluster-state=new",
                        "--logger=zap",
                        "--log-outputs=stderr"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(m.log().toFile()));
        b.environment().remove("ETCDCTL_API");
        return b.start();
    }

    private void awaitHealthy() throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        for (Member m : members) {
            while (!healthy(http, m)) {
                for (int i = 0; i < processes.size(); i++) {
                    Member exited = members.get(i);
                    if (!processes.get(i).isAlive())
                        throw new IOException(
                                "etcd member " + exited.name() + " exited; see " + exited.log() + tail(exited.log()));
                }
                if (System.nanoTime() > deadline)
                    throw new IOException("the etcd members did not become healthy within " + HEALTHY_WITHIN.toSeconds()
                            + " s; see " + m.log() + tail(m.log()));
                try {
                    Thread.sleep(200); // polling a child process's readiness, not a test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for etcd", e);
                }
            }
        }
    }

    private static boolean healthy(HttpClient http, Member m) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(m.clientUrl().resolve("/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The log's last lines, for messages about a directory that may be deleted right after. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (lines.isEmpty()) return "";
            return ", which ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (options.deleteDataOnClose()) {
            for (Process p : processes) p.destroyForcibly();
        } else {
            for (Process p : processes) p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (options.deleteDataOnClose()) deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Throwaway data in a temporary place: left behind, not an error.
        }
    }
}
