package io.everynode.cli;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.encryption.EncryptionException;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.apiserver.strategy.ServiceNetwork;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controlplane.ClusterIdentity;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.HostPort;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.store.StoreConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code everynode server}: the API server on an embedded SQLite store in a data directory (or on
 * etcd: {@code --store etcd}, docs/ha.md), and
 * the controller manager (scheduler, node lifecycle, pod GC) in the same process. It serves
 * HTTPS only: the cluster CA, the serving certificate and the ServiceAccount keys live in
 * {@code DATA/pki} (made on first start), and an admin kubeconfig is written to
 * {@code DATA/kubeconfig} (owner-only, as k3s writes {@code k3s.yaml}).
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "Runs the Kubernetes API server on an embedded store, and the controllers.")
final class ServerCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = ".everynode/server",
            description =
                    "Where the SQLite store, the certificates and the admin kubeconfig live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--port",
            defaultValue = "6443",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "Address to listen on, any address: the API serves HTTPS only (default: ${DEFAULT-VALUE}).")
    String bind;

    @Mixin
    AtRestAndAuditFlags atRestAndAudit = new AtRestAndAuditFlags();

    @Mixin
    StoreFlags storeFlags = new StoreFlags();

    @Option(
            names = "--advertise-address",
            defaultValue = "",
            description =
                    "The IP address other machines reach this server at; it goes into the serving certificate and the"
                            + " admin kubeconfig (default: the bind address, or 127.0.0.1 when binding every address).")
    String advertiseAddress;

    @Option(
            names = "--tls-san",
            split = ",",
            description = "More names or IP addresses for the serving certificate, e.g. a load balancer's in front of"
                    + " several servers (repeatable; k3s's flag).")
    List<String> tlsSans = new ArrayList<>();

    /**
     * Upstream's retired insecure port, for the benchmarks' raw-socket clients only (bench watch
     * speaks plain HTTP/1.1 on non-blocking sockets): plain HTTP, no authentication, loopback
     * only. Hidden: no user should run it.
     */
    @Option(
            names = "--insecure-loopback-http",
            hidden = true,
            description = "Serve plain HTTP without authentication on a loopback address (benchmarks only).")
    boolean insecureLoopbackHttp;

    @Option(
            names = "--node-monitor-grace-period",
            defaultValue = "40s",
            converter = GoDuration.class,
            description =
                    "How long a node may stay silent before it is marked Unknown, e.g. 40s, 2m (default: ${DEFAULT-VALUE}).")
    Duration nodeMonitorGracePeriod;

    @Option(
            names = "--max-requests-inflight",
            defaultValue = "400",
            description =
                    "Read-only requests served at once; more are answered 429 (default: ${DEFAULT-VALUE}). Watches and logs do not count.")
    int maxRequestsInflight;

    @Option(
            names = "--max-mutating-requests-inflight",
            defaultValue = "200",
            description = "Writes served at once; more are answered 429 (default: ${DEFAULT-VALUE}).")
    int maxMutatingRequestsInflight;

    @Option(
            names = "--service-cluster-ip-range",
            defaultValue = "10.96.0.0/12",
            description =
                    "IPv4 range Services get clusterIPs from; its first address is the kubernetes Service's (default: ${DEFAULT-VALUE}).")
    String serviceClusterIpRange;

    @Option(
            names = "--service-node-port-range",
            defaultValue = "30000-32767",
            description = "Ports NodePort Services get nodePorts from (default: ${DEFAULT-VALUE}).")
    String serviceNodePortRange;

    @Option(
            names = "--leader-elect",
            arity = "0..1",
            defaultValue = "true",
            fallbackValue = "true",
            description = "Run the controllers and the scheduler only while this server holds their Leases in"
                    + " kube-system, so several servers on one store can run (default: ${DEFAULT-VALUE}).")
    boolean leaderElect;

    @Option(
            names = "--leader-elect-lease-duration",
            defaultValue = "15s",
            converter = GoDuration.class,
            description = "How long other servers wait after the leader's last renewal before taking over, in whole"
                    + " seconds (default: ${DEFAULT-VALUE}).")
    Duration leaseDuration;

    @Option(
            names = "--leader-elect-renew-deadline",
            defaultValue = "10s",
            converter = GoDuration.class,
            description = "How long the leader keeps acting without a successful renewal; then it stops writing and"
                    + " stops its controllers. Less than the lease duration (default: ${DEFAULT-VALUE}).")
    Duration renewDeadline;

    @Option(
            names = "--leader-elect-retry-period",
            defaultValue = "2s",
            converter = GoDuration.class,
            description = "How often servers try to acquire, and the leader renews (default: ${DEFAULT-VALUE}).")
    Duration retryPeriod;

    @Option(
            names = "--etcd-start-timeout",
            defaultValue = "5m",
            converter = GoDurationOrZero.class,
            description = "How long the server keeps trying an etcd that does not answer at start, logging as it"
                    + " waits, before it exits; 0: forever (default: ${DEFAULT-VALUE}).")
    Duration etcdStartTimeout;

    @Override
    public Integer call() throws Exception {
        ServiceNetwork services;
        try {
            services = serviceNetwork(serviceClusterIpRange, serviceNodePortRange);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (maxRequestsInflight < 1 || maxMutatingRequestsInflight < 1) {
            System.err.println(
                    "error: --max-requests-inflight and --max-mutating-requests-inflight must be at least 1");
            return 2;
        }
        if (!advertiseAddress.isEmpty() && !isIpLiteral(advertiseAddress)) {
            System.err.println("error: --advertise-address must be an IP address: " + advertiseAddress);
            return 2;
        }
        LeaderElectionConfig election;
        try {
            election = leaderElection();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        SecurityConfig security;
        StoreConfig storeConfig;
        try {
            security = atRestAndAudit.applyTo(ApiServerConfig.defaults().security());
            storeConfig = storeFlags.config(dataDir);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(dataDir);
        Clock clock = Clock.systemUTC();
        ClusterPki pki = null;
        try {
            if (insecureLoopbackHttp) HttpFrontend.checkBind(bind, false);
            else pki = ClusterPki.open(dataDir, SubjectAltNames.forThisHost(certificateNames()), clock);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "error: cannot set up the certificates in " + dataDir.resolve("pki") + ": " + e.getMessage());
            return 1;
        }
        NodeLifecycleConfig lifecycle = NodeLifecycleConfig.defaults();
        ControlPlane.Builder builder = ControlPlane.builder();
        if (pki != null) builder.secure(pki).advertiseHost(clientHost(bind, advertiseAddress));
        if (storeFlags.etcd()) builder.storeStartTimeout(etcdStartTimeout);
        builder.frontExtension(DashboardFront.of(pki));
        ControlPlane cp = builder.store(storeConfig)
                .bind(bind, port)
                .apiServer(ApiServerConfig.defaults()
                        .withHostName(bind)
                        .withInflightLimits(maxRequestsInflight, maxMutatingRequestsInflight)
                        .withServiceNetwork(services)
                        .withSecurity(security))
                .controllers(ControllerManagerConfig.defaults()
                        .withNodeLifecycle(new NodeLifecycleConfig(
                                nodeMonitorGracePeriod, lifecycle.startupGracePeriod(), lifecycle.monitorPeriod())))
                .leaderElection(election)
                .clock(clock)
                .build();
        try {
            cp.start();
        } catch (ControlPlane.StoreOpenFailed e) {
            System.err.println("error: cannot open the store in " + storeFlags.where(dataDir) + ": " + e.getMessage());
            return 1;
        } catch (EncryptionException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (ClusterIdentity.Mismatch e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("error: the controllers did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cp.close();
            } finally {
                stopped.countDown();
            }
        }));
        if (pki == null) {
            System.out.println("everynode server listening on " + cp.url() + " (data in " + storeFlags.where(dataDir)
                    + "; plain HTTP, no authentication)");
            System.out.println(DashboardFront.hint(cp.url()));
        } else {
            String url = HostPort.httpsUrl(clientHost(bind, advertiseAddress), cp.port());
            Path kubeconfig = pki.writeAdminKubeconfig(dataDir.resolve("kubeconfig"), url);
            System.out.println("everynode server listening on " + url + " (data in " + storeFlags.where(dataDir)
                    + "; admin kubeconfig " + kubeconfig.toAbsolutePath() + ")");
            System.out.println(DashboardFront.hint(url));
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** What the serving certificate must name beyond this host's own: the bind, advertise and --tls-san names. */
    List<String> certificateNames() {
        List<String> names = new ArrayList<>(List.of(bind, advertiseAddress));
        names.addAll(tlsSans);
        return names;
    }

    /** The election the flags ask for (upstream's flag names in the messages), or null with --leader-elect=false. */
    LeaderElectionConfig leaderElection() {
        if (!leaderElect) return null;
        try {
            return LeaderElectionConfig.defaults("kube-controller-manager")
                    .withTimings(leaseDuration, renewDeadline, retryPeriod);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--leader-elect-lease-duration, --leader-elect-renew-deadline, --leader-elect-retry-period: "
                            + e.getMessage());
        }
    }

    /**
     * The host clients of this machine dial: the advertise address if given, else the bind
     * address, else (binding every address) loopback.
     */
    static String clientHost(String bind, String advertise) {
        if (!advertise.isEmpty()) return advertise;
        try {
            if (InetAddress.getByName(bind).isAnyLocalAddress()) return "127.0.0.1";
        } catch (IOException e) {
            // not an address: a name, dialled as it is
        }
        return bind;
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    /** Go-style durations as kube-controller-manager's flags take them: "40s", "2m", "1m30s", "500ms". */
    static final class GoDuration implements ITypeConverter<Duration> {
        private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

        @Override
        public Duration convert(String value) {
            Matcher m = PART.matcher(value.strip());
            Duration total = Duration.ZERO;
            int end = 0;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(
                        switch (m.group(2)) {
                            case "h" -> Duration.ofHours(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "s" -> Duration.ofSeconds(n);
                            default -> Duration.ofMillis(n);
                        });
                end = m.end();
            }
            if (end == 0 || end != value.strip().length() || total.isZero()) {
                throw new IllegalArgumentException(
                        "not a positive duration: \"" + value + "\" (use e.g. 40s, 2m, 1m30s)");
            }
            return total;
        }
    }

    /** As {@link GoDuration}, and "0" for none (a limit that is no limit). */
    static final class GoDurationOrZero implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.strip().matches("0+(ms|s|m|h)?")) return Duration.ZERO;
            return new GoDuration().convert(value);
        }
    }

    /** The ranges of {@code --service-cluster-ip-range} and {@code --service-node-port-range} ({@code MIN-MAX}). */
    static ServiceNetwork serviceNetwork(String cidr, String ports) {
        Matcher m = Pattern.compile("^(\\d+)-(\\d+)$").matcher(ports);
        if (!m.matches()) {
            throw new IllegalArgumentException("--service-node-port-range must be MIN-MAX, e.g. 30000-32767: " + ports);
        }
        try {
            return new ServiceNetwork(cidr, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bad --service-cluster-ip-range or --service-node-port-range: " + e.getMessage());
        }
    }
}
