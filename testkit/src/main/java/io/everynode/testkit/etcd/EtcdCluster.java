package io.everynode.testkit.etcd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Several etcd members on loopback forming one cluster; closing it kills them all. */
public final class EtcdCluster implements AutoCloseable {
    private static final Path ETCD = Path.of("/usr/bin/etcd");

    private final List<EtcdMember> members;

    private EtcdCluster(List<EtcdMember> members) {
        this.members = members;
    }

    /** Why etcd clusters cannot start here, if they cannot. */
    public static Optional<String> unavailable() {
        return etcdBinary().isPresent()
                ? Optional.empty()
                : Optional.of("etcd is not installed (Debian package etcd-server; scripts/install-test-tools.sh)");
    }

    /** Skips the calling test where etcd is missing; fails it instead in CI, where it must run. */
    public static void assumeAvailable() {
        Optional<String> why = unavailable();
        if (why.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why.get());
        }
        Assumptions.assumeTrue(false, why.get());
    }

    /**
     * Starts {@code size} members with data under {@code dir} and waits until every one reports
     * healthy (a leader elected, the cluster serving).
     */
    public static EtcdCluster start(Path dir, int size) throws IOException {
        Path binary = etcdBinary()
                .orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new EtcdMember(
                    binary, "m" + i, Files.createDirectories(dir.resolve("m" + i)), freePort(), freePort()));
        }
        String initialCluster = members.stream().map(EtcdMember::peerEntry).collect(Collectors.joining(","));
        String token = "everynode-test-" + dir.getFileName();
        EtcdCluster cluster = new EtcdCluster(List.copyOf(members));
        try {
            for (EtcdMember member : members) {
                member.boot(initialCluster, token);
            }
            cluster.awaitHealthy();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Every member's client URL, as a store's endpoints. */
    public List<URI> clientUrls() {
        return members.stream().map(EtcdMember::clientUrl).toList();
    }

    /** The client URLs comma-separated, as {@code --etcd-endpoints} takes them. */
    public String endpoints() {
        return clientUrls().stream().map(URI::toString).collect(Collectors.joining(","));
    }

    public EtcdMember member(int index) {
        return members.get(index);
    }

    public int size() {
        return members.size();
    }

    /** The member that leads the cluster now, as the members report it; empty while there is none. */
    public Optional<EtcdMember> leader() {
        return members.stream()
                .filter(EtcdMember::running)
                .filter(EtcdMember::leading)
                .findFirst();
    }

    /** Waits until every running member answers healthy. */
    public void awaitHealthy() {
        Awaitility.await("etcd members healthy")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> members.stream().filter(EtcdMember::running).allMatch(EtcdMember::healthy));
    }

    @Override
    public void close() {
        for (EtcdMember member : members) {
            member.kill();
        }
    }

    private static Optional<Path> etcdBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "etcd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Files.isExecutable(ETCD) ? Optional.of(ETCD) : Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
