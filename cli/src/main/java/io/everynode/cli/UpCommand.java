package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.agent.process.ProcessRuntime;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.HostPort;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.store.EtcdConfig;
import io.everynode.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code everynode up}: a whole cluster in one process (API server on an SQLite store in
 * {@code DIR/data}, serving HTTPS with the certificates in {@code DIR/data/pki}, the controllers,
 * N simulated nodes {@code node-1}…) and an admin kubeconfig (client certificate in
 * {@code system:masters}, owner-only) in {@code DIR/kubeconfig}. A second {@code up} on the same DIR resumes the same cluster: the nodes
 * register again and adopt the pods they ran. With {@code --ha N}, N etcd members and N servers
 * instead ({@link #openHa()}, docs/ha.md).
 *
 * <p>Tests and embedders start the same cluster without the command line:
 * <pre>{@code
 * try (UpCluster r = new UpCommand().nodes(3).dataDir(dir).port(0).open()) {
 *     ... kubectl --kubeconfig r.kubeconfig() ...
 * }
 * }</pre>
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description =
                "Starts a whole cluster in one process (server, controllers, simulated nodes) and writes a kubeconfig.")
public final class UpCommand implements Callable<Integer> {
    /** Nodes registering at once: enough to keep the store's group commit busy on a small machine. */
    static final int REGISTER_PARALLELISM = 8;
    /** Where the API server listens: a cluster on one machine needs no more than loopback. */
    static final String BIND = "127.0.0.1";

    /** The container runtime's image store (default DIR/image-store, shared by every node), plain-HTTP registries and credentials. */
    @Mixin
    ContainerImageFlags containerImages = new ContainerImageFlags();

    @Option(
            names = "--nodes",
            defaultValue = "3",
            description = "How many simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes = 3;

    @Option(
            names = "--runtime",
            defaultValue = "simulated",
            description =
                    "What runs the containers: simulated, or process (real processes; node N keeps its state in DIR/nodes/N,"
                            + " images in DIR/images with everynode/demo-agent:1 registered), or container (OCI containers by runc; needs"
                            + " root) (default: ${DEFAULT-VALUE}).")
    String runtime = "simulated";

    @Option(
            names = "--data-dir",
            defaultValue = ".everynode",
            description = "Where the store and kubeconfig live (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".everynode");

    @Option(
            names = "--port",
            defaultValue = "6443",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 6443;

    @Option(
            names = "--node-monitor-grace-period",
            defaultValue = "40s",
            converter = ServerCommand.GoDuration.class,
            description =
                    "How long a node may stay silent before it is marked Unknown, e.g. 40s, 2m (default: ${DEFAULT-VALUE}).")
    Duration nodeMonitorGracePeriod = DEFAULT_GRACE;

    @Mixin
    AtRestAndAuditFlags atRestAndAudit = new AtRestAndAuditFlags();

    @Option(
            names = "--ha",
            defaultValue = "0",
            description = "Run N etcd members (Debian's etcd-server) and N API servers on loopback, ports --port,"
                    + " --port+1, …, with leader election, simulated nodes calling all of them (0: one server on"
                    + " SQLite, the default; docs/ha.md).")
    int ha;

    /** Null: the agents' default eviction pass period (the kubelet's 10 s housekeeping). */
    Duration evictionPassPeriod;

    /** Null: the agents' default usage report interval (metrics-server's 15 s resolution). */
    Duration usageReportInterval;

    /** Null: the pod garbage collector's defaults (R10.5: 40 s quarantine, a pass every 20 s). */
    Duration podGcQuarantine;

    /** kube-controller-manager's default {@code --node-monitor-grace-period} (R10.1). */
    static final Duration DEFAULT_GRACE = NodeLifecycleConfig.defaults().monitorGracePeriod();

    public UpCommand nodes(int n) {
        this.nodes = n;
        return this;
    }

    public UpCommand runtime(String r) {
        this.runtime = r;
        return this;
    }

    public UpCommand dataDir(Path d) {
        this.dataDir = d;
        return this;
    }

    public UpCommand port(int p) {
        this.port = p;
        return this;
    }

    /**
     * How long a node may stay silent before the node lifecycle controller marks it Unknown
     * (NotReady) and taints it unreachable (R10.1); {@code --node-monitor-grace-period}, 40 s by
     * default. Below the default, {@code up}'s agents report more often (see {@link #nodeConfig}),
     * so a live node is never taken for a silent one.
     */
    public UpCommand nodeMonitorGracePeriod(Duration grace) {
        if (grace.isNegative() || grace.isZero())
            throw new IllegalArgumentException("the node monitor grace period must be positive");
        this.nodeMonitorGracePeriod = grace;
        return this;
    }

    /**
     * How often each node's eviction manager observes memory and evicts at most one pod (R9.4);
     * the kubelet's 10 s by default. Tests shorten it so memory pressure is acted on quickly.
     */
    public UpCommand evictionPassPeriod(Duration every) {
        if (every.isNegative() || every.isZero())
            throw new IllegalArgumentException("the eviction pass period must be positive");
        this.evictionPassPeriod = every;
        return this;
    }

    /**
     * How often each node reports its usage for {@code kubectl top}; metrics-server's 15 s by
     * default. Tests shorten it so the first numbers come sooner.
     */
    public UpCommand usageReportInterval(Duration every) {
        if (every.isNegative() || every.isZero())
            throw new IllegalArgumentException("the usage report interval must be positive");
        this.usageReportInterval = every;
        return this;
    }

    /**
     * How long the pod garbage collector waits before it trusts that a node missing from its cache
     * is gone and removes the node's pods (R10.5); upstream's 40 s by default. Its passes run at half
     * the quarantine, upstream's proportion (40 s and 20 s). Tests shorten it so a deleted node's
     * pods go within seconds.
     */
    public UpCommand podGcQuarantine(Duration quarantine) {
        if (quarantine.isNegative() || quarantine.isZero())
            throw new IllegalArgumentException("the pod garbage collector's quarantine must be positive");
        this.podGcQuarantine = quarantine;
        return this;
    }

    /**
     * What each of {@code up}'s simulated nodes registers with: the agent defaults (4 cpu, 8Gi,
     * 110 pods), the eviction pass period if one was set, and report intervals of at most a
     * quarter of the grace period (the kubelet renews its Lease every 10 s for the default 40 s),
     * so a shortened grace period does not make live nodes flap.
     */
    AgentConfig nodeConfig(String name) {
        AgentConfig c = AgentConfig.defaults(name);
        Duration quarter = nodeMonitorGracePeriod.dividedBy(4);
        if (quarter.compareTo(c.leaseRenewInterval()) < 0)
            c = c.withReportInterval(quarter.isZero() ? Duration.ofMillis(1) : quarter);
        if (evictionPassPeriod != null) c = c.withEviction(c.eviction().withPassPeriod(evictionPassPeriod));
        if (usageReportInterval != null) c = c.withUsageReportInterval(usageReportInterval);
        return c;
    }

    /** The controllers' settings: the defaults with this command's node monitor grace period and pod GC quarantine. */
    ControllerManagerConfig controllerConfig() {
        NodeLifecycleConfig d = NodeLifecycleConfig.defaults();
        ControllerManagerConfig c = ControllerManagerConfig.defaults()
                .withNodeLifecycle(
                        new NodeLifecycleConfig(nodeMonitorGracePeriod, d.startupGracePeriod(), d.monitorPeriod()));
        if (podGcQuarantine != null) {
            PodGcConfig gc = PodGcConfig.defaults();
            c = c.withPodGc(
                    new PodGcConfig(gc.terminatedPodThreshold(), podGcQuarantine, podGcQuarantine.dividedBy(2)));
        }
        return c;
    }

    public UpCommand ha(int servers) {
        this.ha = servers;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        if (ha != 0) return runUntilStopped(this::openHa, this::haBanner);
        return runUntilStopped(this::open, this::banner);
    }

    /** What {@code up} prints once its cluster serves (kubeconfig via {@code kubeconfigOf}). */
    private List<String> banner(UpCluster r) {
        return List.of(
                "everynode is up: API server on " + HostPort.httpsUrl(BIND, r.port()) + ", " + nodes + " " + runtime
                        + " node(s), data in " + dataDir.resolve("data").toAbsolutePath(),
                tryLine(r.kubeconfig),
                DashboardFront.hint(HostPort.httpsUrl(BIND, r.port())),
                "Stop with Ctrl-C; run `everynode up` again on " + dataDir + " to resume this cluster.");
    }

    /** What {@code up --ha N} prints once its servers serve. */
    private List<String> haBanner(HaCluster r) {
        List<String> urls = r.urls().stream().map(Object::toString).toList();
        return List.of(
                "everynode is up: " + ha + " API servers on " + String.join(", ", urls) + " (etcd "
                        + r.etcd.endpoints() + "), " + nodes + " simulated node(s), data in "
                        + dataDir.toAbsolutePath(),
                tryLine(r.kubeconfig),
                DashboardFront.hint(urls.get(0)),
                "The kubeconfig names the first server; the others serve the same cluster: add --server "
                        + String.join(" or --server ", urls.subList(1, urls.size())) + " to ask one of them.",
                "Stop with Ctrl-C (it stops the servers and the etcd members); run `everynode up --ha " + ha
                        + "` again on " + dataDir + " to resume this cluster.");
    }

    private static String tryLine(Path kubeconfig) {
        return "Try:  "
                + kubectlCommand(System.getenv("EVERYNODE_KUBECTL"), Path.of("").toAbsolutePath()) + " --kubeconfig "
                + kubeconfig + " get nodes";
    }

    /**
     * Opens a cluster, prints its banner, and serves until the JVM is asked to stop (Ctrl-C), when
     * a shutdown hook closes it. Exit codes: 2 for a bad option, 1 when the cluster did not start.
     */
    private <C extends AutoCloseable> Integer runUntilStopped(Callable<C> opener, Function<C, List<String>> banner)
            throws InterruptedException {
        C r;
        try {
            r = opener.call();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("error: the cluster did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        banner.apply(r).forEach(System.out::println);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * {@code up --ha N}: N etcd members in {@code DIR/etcd}, N servers in this process (one PKI in
     * {@code DIR/data/pki}, leader election on), simulated nodes calling every server, and the
     * kubeconfig for the first. The caller closes what it answers.
     */
    HaCluster openHa() throws Exception {
        if (ha < 1) throw new IllegalArgumentException("--ha must be 1 or more (3 for a cluster that survives a loss)");
        if (!runtime.equals(SimulatedRuntime.NAME))
            throw new IllegalArgumentException("--ha runs simulated nodes only (--runtime simulated)");
        if (nodes < 0) throw new IllegalArgumentException("--nodes must be 0 or more");
        Path etcd = LocalEtcd.binary()
                .orElseThrow(() -> new IllegalArgumentException(LocalEtcd.missingMessage("up --ha", "etcd")));
        Path data = dataDir.resolve("data");
        Files.createDirectories(data);
        Clock clock = Clock.systemUTC();
        ClusterPki pki = ClusterPki.open(data, SubjectAltNames.forThisHost(List.of(BIND)), clock);
        ApiServerConfig api = ApiServerConfig.defaults();
        api = api.withSecurity(atRestAndAudit.applyTo(api.security()));
        HaCluster r = new HaCluster(
                LocalEtcd.start(etcd, dataDir.resolve("etcd"), ha, LocalEtcd.Options.KEPT),
                pki,
                dataDir.resolve("kubeconfig"),
                dataDir.resolve("nodes").toAbsolutePath(),
                clock);
        try {
            for (int i = 0; i < ha; i++) {
                r.servers.add(ControlPlane.builder()
                        .store(StoreConfig.etcd(EtcdConfig.of(r.etcd.clientUrls())))
                        .bind(BIND, port == 0 ? 0 : port + i)
                        .apiServer(api)
                        .secure(pki)
                        .frontExtension(DashboardFront.of(pki))
                        .controllers(controllerConfig())
                        .leaderElection(LeaderElectionConfig.defaults("kube-controller-manager"))
                        .clock(clock)
                        .build()
                        .start());
            }
            List<AgentConfig> configs = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) configs.add(nodeConfig("node-" + i));
            r.startNodes(
                    configs,
                    SimulatedRuntime.Config.defaults()
                            .withLogDir(dataDir.resolve("nodes").toAbsolutePath()),
                    REGISTER_PARALLELISM);
            pki.writeAdminKubeconfig(r.kubeconfig, r.servers.get(0).url());
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Starts everything and writes the kubeconfig; the caller closes what it answers. */
    public UpCluster open() throws Exception {
        AgentCommand.checkRuntime(runtime);
        if (runtime.equals(ContainerNodes.NAME)) {
            java.util.Optional<String> missing = ContainerNodes.missing();
            if (missing.isPresent()) throw new IllegalArgumentException(missing.get());
            containerImages.registryHosts(); // a bad --insecure-registry fails before anything starts
        }
        if (nodes < 0) throw new IllegalArgumentException("--nodes must be 0 or more");
        Path data = dataDir.resolve("data");
        Files.createDirectories(data);
        Clock clock = Clock.systemUTC();
        ClusterPki pki = ClusterPki.open(data, SubjectAltNames.forThisHost(List.of(BIND)), clock);
        ApiServerConfig api = ApiServerConfig.defaults();
        api = api.withSecurity(atRestAndAudit.applyTo(api.security()));
        ControlPlane cp = ControlPlane.builder()
                .store(StoreConfig.sqlite(data))
                .bind(BIND, port)
                .apiServer(api)
                .secure(pki)
                .frontExtension(DashboardFront.of(pki))
                .controllers(controllerConfig())
                .clock(clock)
                .build()
                .start();
        UpCluster r = new UpCluster(cp, dataDir.resolve("kubeconfig"));
        r.clock = clock;
        try {
            r.nodeConfig = this::nodeConfig;
            if (runtime.equals(ProcessRuntime.NAME)) {
                r.startProcessNodes(nodes, dataDir);
            } else if (runtime.equals(ContainerNodes.NAME)) {
                r.startContainerNodes(nodes, dataDir, containerImages);
            } else {
                // Simulated containers log a line when they start and end: `kubectl logs` shows them
                // (DIR/nodes/<node>/logs).
                // Each node calls as itself; the fleet's one pod informer and its events go as its
                // first node, which may read every pod and write events (upstream's node rules).
                r.fleet = new SimulatedFleet(
                        r.nodeClients.forNode("node-1"),
                        r.nodeClients::forNode,
                        clock,
                        SimulatedRuntime.Config.defaults()
                                .withLogDir(dataDir.resolve("nodes").toAbsolutePath()),
                        // one endpoint on loopback for every simulated node; its SAN is their InternalIP
                        r.endpointSecurity("node-1", List.of("127.0.0.1")));
                List<AgentConfig> configs = new ArrayList<>();
                for (int i = 1; i <= nodes; i++) configs.add(r.nodeConfig.apply("node-" + i));
                r.fleet.addAll(configs, REGISTER_PARALLELISM);
            }
            pki.writeAdminKubeconfig(r.kubeconfig, cp.url());
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    /**
     * How to call kubectl in the printed hint: the project's own kubectl that the launcher
     * installed (as a path relative to the working directory when it lies below it), else the
     * {@code kubectl} on the user's PATH.
     */
    static String kubectlCommand(String installed, Path workingDir) {
        if (installed == null || installed.isBlank()) return "kubectl";
        Path p = Path.of(installed).toAbsolutePath().normalize();
        if (p.startsWith(workingDir)) {
            String rel = workingDir.relativize(p).toString();
            return rel.contains("/") ? rel : "./" + rel;
        }
        return p.toString();
    }
}
