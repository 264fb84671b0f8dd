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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The etcd members of {@code up --ha N}: N child processes of Debian's etcd (3.4) on loopback,
 * data and logs in {@code DIR/mK}. The ports are chosen free on first start and kept in
 * {@code DIR/ports} (an etcd member's peer URL is part of the cluster's membership, so a resumed
 * cluster must use the same ones). {@link #close()} ends every member (SIGTERM, then SIGKILL after
 * 30 s), so nothing is left running.
 */
final class LocalEtcd implements AutoCloseable {
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(2);

    private record Member(String name, Path dir, int clientPort, int peerPort) {
        URI clientUrl() {
            return URI.create("http://127.0.0.1:" + clientPort);
        }

        String peerUrl() {
            return "http://127.0.0.1:" + peerPort;
        }
    }

    private final List<Member> members;
    private final List<Process> processes = new ArrayList<>();

    private LocalEtcd(List<Member> members) {
        this.members = members;
    }

    /** The etcd binary on the PATH (or /usr/bin/etcd), or why there is none. */
    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "etcd"));
        candidates.add(Path.of("/usr/bin/etcd"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static String missingMessage() {
        return "up --ha needs etcd (3.4 or later) and found none on the PATH: install Debian's etcd-server"
                + " (sudo apt-get install etcd-server), or put an etcd binary on the PATH";
    }

    /** Starts {@code size} members under {@code dir} (or resumes those made there before) and waits until they serve. */
    static LocalEtcd start(Path dir, int size) throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalArgumentException(missingMessage()));
        Files.createDirectories(dir);
        List<Member> members = ports(dir, size);
        LocalEtcd etcd = new LocalEtcd(members);
        try {
            String cluster =
                    members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
            for (Member m : members) etcd.processes.add(launch(binary, m, cluster));
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

    /** The ports of {@code dir/ports} when it names {@code size} members, else new free ones written there. */
    private static List<Member> ports(Path dir, int size) throws IOException {
        Path file = dir.resolve("ports");
        List<Member> out = new ArrayList<>();
        if (Files.exists(file)) {
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

    private static Process launch(Path binary, Member m, String cluster) throws IOException {
        Files.createDirectories(m.dir());
        ProcessBuilder b = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--name=" + m.name(),
                        "--data-dir=" + m.dir().resolve("data"),
                        "--listen-client-urls=" + m.clientUrl(),
                        "--advertise-client-urls=" + m.clientUrl(),
                        "--listen-peer-urls=" + m.peerUrl(),
                        "--initial-advertise-peer-urls=" + m.peerUrl(),
                        "--initial-cluster=" + cluster,
                        "--initial-cluster-token=everynode-up-ha",
                        "--initial-cluster-state=new"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        m.dir().resolve("etcd.log").toFile()));
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
                    if (!processes.get(i).isAlive())
                        throw new IOException("etcd member " + members.get(i).name() + " exited; see "
                                + members.get(i).dir().resolve("etcd.log"));
                }
                if (System.nanoTime() > deadline)
                    throw new IOException("the etcd members did not become healthy within " + HEALTHY_WITHIN.toSeconds()
                            + " s; see " + m.dir().resolve("etcd.log"));
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
