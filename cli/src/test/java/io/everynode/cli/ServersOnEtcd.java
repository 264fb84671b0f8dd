package io.everynode.cli;

import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.ClientConfig;
import io.everynode.client.FailoverTransport;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.testkit.etcd.EtcdCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Several {@code everynode server} JVMs on one etcd, each with a data directory of its own, with
 * short leader-election timings ({@link #LEASE}, {@link #RENEW}, {@link #RETRY}), for the
 * control-plane fault tests. Server 1 makes the cluster's PKI; every later server starts with a
 * copy of it ({@link #sharePki}), so one admin kubeconfig and one CA work with all of them.
 * Closing stops every server still running (SIGCONT first for a paused one).
 */
final class ServersOnEtcd implements AutoCloseable {
    static final Duration LEASE = Duration.ofSeconds(6);
    static final Duration RENEW = Duration.ofSeconds(4);
    static final Duration RETRY = Duration.ofSeconds(1);
    static final String CONTROLLER_MANAGER = "kube-controller-manager";
    static final String SCHEDULER = "kube-scheduler";

    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) ");
    private static final Pattern IDENTITY = Pattern.compile(
            "attempting to acquire leader lease kube-system/kube-controller-manager\\.\\.\\. \\(as (\\S+)\\)");

    /** One server process: its URL, and the identity it campaigns as. */
    record Server(int index, Process process, URI url, String identity, Path dir) {
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void pause() {
            signal("-STOP");
        }

        void resume() {
            signal("-CONT");
        }

        /** SIGTERM: the server stops its controllers and gives its Leases up. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }

        String log() throws IOException {
            return Files.readString(dir.resolve("err"));
        }

        private void signal(String signal) {
            try {
                Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                        .inheritIO()
                        .start();
                if (kill.waitFor() != 0) throw new IllegalStateException("kill " + signal + " failed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path dir;
    private final EtcdCluster etcd;
    private final List<Server> servers = new ArrayList<>();
    /** Every process launched, started or not, so closing ends them all. */
    private final List<Process> launched = new ArrayList<>();

    private final Map<Integer, String[]> flags = new HashMap<>();

    private Kubeconfig admin;

    ServersOnEtcd(Path dir, EtcdCluster etcd) {
        this.dir = dir;
        this.etcd = etcd;
    }

    /**
     * Starts server {@code index} (1 first: it makes the PKI) with {@code flags} added, and waits
     * until it listens and campaigns.
     */
    Server start(int index, String... flags) throws Exception {
        return started(index, launch(index, flags));
    }

    /** Starts the servers {@code indexes} (not 1) at once, without flags, and waits until all listen and campaign. */
    List<Server> startTogether(int... indexes) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i : indexes) processes.add(launch(i));
        List<Server> out = new ArrayList<>();
        for (int i = 0; i < indexes.length; i++) out.add(started(indexes[i], processes.get(i)));
        return out;
    }

    private Process launch(int index, String... flags) throws Exception {
        this.flags.put(index, flags);
        Path data = dir.resolve("server-" + index);
        if (index != 1 && !Files.exists(data.resolve("pki"))) sharePki(dir.resolve("server-1"), data);
        List<String> args = new ArrayList<>(List.of(
                "--store",
                "etcd",
                "--etcd-endpoints",
                etcd.endpoints(),
                "--leader-elect-lease-duration=" + LEASE.toSeconds() + "s",
                "--leader-elect-renew-deadline=" + RENEW.toSeconds() + "s",
                "--leader-elect-retry-period=" + RETRY.toMillis() + "ms"));
        args.addAll(List.of(flags));
        Files.createDirectories(data);
        Process process =
                EverynodeJvm.server(data, data.resolve("out"), data.resolve("err"), args.toArray(String[]::new));
        launched.add(process);
        return process;
    }

    /**
     * Waits until server {@code index} listens and campaigns. A server whose first call to etcd
     * timed out (a cold JVM on this loaded machine can take longer than the store's 10 s for
     * it) exits with "cannot open the store"; it is launched again, twice at most.
     */
    private Server started(int index, Process first) throws Exception {
        Path data = dir.resolve("server-" + index);
        Path out = data.resolve("out");
        Path err = data.resolve("err");
        Process process = first;
        for (int attempt = 1; ; attempt++) {
            Process p = process;
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> !p.isAlive()
                            || (LISTENING.matcher(Files.readString(out)).find()
                                    && IDENTITY.matcher(Files.readString(err)).find()));
            if (p.isAlive() || attempt == 3 || !Files.readString(err).contains("cannot open the store")) break;
            process = launch(index, flags.get(index));
        }
        Matcher listening = LISTENING.matcher(Files.readString(out));
        Matcher identity = IDENTITY.matcher(Files.readString(err));
        if (!process.isAlive() || !listening.find() || !identity.find())
            throw new IllegalStateException("server " + index + " did not start: " + Files.readString(err));
        if (admin == null) admin = Kubeconfig.load(data.resolve("kubeconfig"));
        Server server = new Server(index, process, URI.create(listening.group(1)), identity.group(1), data);
        servers.add(server);
        return server;
    }

    /**
     * Gives server data directory {@code to} the cluster's PKI from {@code from} before its
     * server first starts, so both serve one cluster (one CA, one ServiceAccount key).
     */
    static void sharePki(Path from, Path to) throws IOException {
        Path source = from.resolve("pki");
        Path target = Files.createDirectories(to.resolve("pki"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList())
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** An HTTP client with the admin's credentials, for any server of the set. */
    HttpClient http() {
        return HttpClient.newBuilder().sslContext(admin.sslContext()).build();
    }

    /** A client of {@code server} alone, as the admin. */
    KubeClient client(Server server) {
        return KubeClient.fromKubeconfig(new Kubeconfig(
                server.url(),
                admin.certificateAuthority(),
                admin.clientKey(),
                admin.clientCertificates(),
                admin.token()));
    }

    /** A client that calls {@code order}'s first server and fails over to the next, as an agent with several --server. */
    KubeClient failoverClient(List<Server> order, String userAgent) {
        ClientConfig config = ClientConfig.defaults().withUserAgent(userAgent);
        return new KubeClient(
                new FailoverTransport(order.stream()
                        .map(s -> new HttpTransport(s.url(), config, admin.sslContext(), admin.token()))
                        .toList()),
                config,
                Clock.systemUTC());
    }

    /** The Lease {@code kube-system/name} as {@code via} serves it, or null when there is none. */
    static Lease lease(KubeClient via, String name) {
        try {
            return via.get(Lease.class, "kube-system", name);
        } catch (ApiError e) {
            if (e.isNotFound()) return null;
            throw e;
        }
    }

    /** The holder of {@code kube-system/name} as {@code via} serves it; null or empty when none. */
    static String holder(KubeClient via, String name) {
        Lease lease = lease(via, name);
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** Whether {@code server} holds both Leases, as {@code via} serves them. */
    static boolean holdsBoth(KubeClient via, Server server) {
        return server.identity().equals(holder(via, CONTROLLER_MANAGER))
                && server.identity().equals(holder(via, SCHEDULER));
    }

    @Override
    public void close() {
        for (Server s : servers) {
            if (!s.process().isAlive()) continue;
            try {
                s.resume();
                s.stop();
            } catch (RuntimeException e) {
                s.process().destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.process().destroyForcibly();
            }
        }
        for (Process p : launched) if (p.isAlive()) p.destroyForcibly();
    }
}
