package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.NodeAgent;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.agent.demo.DemoImage;
import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetwork;
import io.everynode.agent.netns.NodeNetworks;
import io.everynode.agent.process.ProcessRuntime;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
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
import picocli.CommandLine.Option;

/**
 * {@code everynode up}: a whole cluster in one process (API server on an SQLite store in
 * {@code DIR/data}, the controllers, N simulated nodes {@code node-1}…) and a kubeconfig in
 * {@code DIR/kubeconfig}. A second {@code up} on the same DIR resumes the same cluster: the nodes
 * register again and adopt the pods they ran.
 *
 * <p>Tests and embedders start the same cluster without the command line:
 * <pre>{@code
 * try (UpCommand.Running r = new UpCommand().nodes(3).dataDir(dir).port(0).open()) {
 *     ... kubectl --kubeconfig r.kubeconfig() ...
 * }
 * }</pre>
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts a whole cluster in one process (server, controllers, simulated nodes) and writes a kubeconfig.")
public final class UpCommand implements Callable<Integer> {
    /** Nodes registering at once: enough to keep the store's group commit busy on a small machine. */
    static final int REGISTER_PARALLELISM = 8;

    @Option(names = "--nodes", defaultValue = "3", description = "How many simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes = 3;

    @Option(names = "--runtime", defaultValue = "simulated",
            description = "What runs the containers: simulated, or process (real processes; node N keeps its state in DIR/nodes/N,"
                    + " images in DIR/images with everynode/demo-agent:1 registered) (default: ${DEFAULT-VALUE}).")
    String runtime = "simulated";

    @Option(names = "--data-dir", defaultValue = ".everynode", description = "Where the store and kubeconfig live (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".everynode");

    @Option(names = "--port", defaultValue = "6443", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 6443;

    @Option(names = "--node-monitor-grace-period", defaultValue = "40s", converter = ServerCommand.GoDuration.class,
            description = "How long a node may stay silent before it is marked Unknown, e.g. 40s, 2m (default: ${DEFAULT-VALUE}).")
    Duration nodeMonitorGracePeriod = DEFAULT_GRACE;

    /** Null: the agents' default eviction pass period (the kubelet's 10 s housekeeping). */
    Duration evictionPassPeriod;

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
        if (grace.isNegative() || grace.isZero()) throw new IllegalArgumentException("the node monitor grace period must be positive");
        this.nodeMonitorGracePeriod = grace;
        return this;
    }

    /**
     * How often each node's eviction manager observes memory and evicts at most one pod (R9.4);
     * the kubelet's 10 s by default. Tests shorten it so memory pressure is acted on quickly.
     */
    public UpCommand evictionPassPeriod(Duration every) {
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("the eviction pass period must be positive");
        this.evictionPassPeriod = every;
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
        if (quarter.compareTo(c.leaseRenewInterval()) < 0) c = c.withReportInterval(quarter.isZero() ? Duration.ofMillis(1) : quarter);
        if (evictionPassPeriod != null) c = c.withEviction(c.eviction().withPassPeriod(evictionPassPeriod));
        return c;
    }

    /** The controllers' settings: the defaults with this command's node monitor grace period. */
    ControllerManagerConfig controllerConfig() {
        NodeLifecycleConfig d = NodeLifecycleConfig.defaults();
        return ControllerManagerConfig.defaults().withNodeLifecycle(
                new NodeLifecycleConfig(nodeMonitorGracePeriod, d.startupGracePeriod(), d.monitorPeriod()));
    }

    /** A running cluster; {@link #close()} stops it, agents first, the store last. */
    public static final class Running implements AutoCloseable {
        final Store store;
        final ApiServer api;
        final HttpFrontend http;
        final KubeClient client;
        ControllerManager manager;
        SimulatedFleet fleet;
        /** With the process runtime: one agent and one runtime per node (agents close first, then the pods' processes stop). */
        final List<NodeAgent> agents = new ArrayList<>();
        final List<ProcessRuntime> runtimes = new ArrayList<>();
        /** The runtime configuration of each process node, by index as in {@link #agents}, for {@link #restartAgent}. */
        final List<ProcessRuntime.Config> runtimeConfigs = new ArrayList<>();
        Clock clock;
        /** The nodes' network namespaces (process runtime, where the machine allows them), or null. */
        NodeNetworks networks;
        final Path kubeconfig;
        /** Each node's agent settings by node name (set by {@link UpCommand#open()}). */
        Function<String, AgentConfig> nodeConfig = AgentConfig::defaults;

        Running(Store store, ApiServer api, HttpFrontend http, KubeClient client, Path kubeconfig) {
            this.store = store;
            this.api = api;
            this.http = http;
            this.client = client;
            this.kubeconfig = kubeconfig;
        }

        public int port() {
            return http.port();
        }

        /** The kubeconfig {@code up} wrote, for kubectl. */
        public Path kubeconfig() {
            return kubeconfig;
        }

        /** An in-process client of the cluster's API server. */
        public KubeClient client() {
            return client;
        }

        /**
         * Adds a simulated node named {@code name}, with the same defaults as {@code up}'s own
         * nodes (4 cpu, 8Gi, 110 pods); it is registered and Ready when this returns. A node
         * joining a running cluster, as the guide's "when a new node joins".
         */
        public void addNode(String name) {
            fleet.add(nodeConfig.apply(name));
        }

        /**
         * Stops a node's agent, as if its machine were switched off: no more heartbeats, and a
         * deleted Node object is not registered again. The Node object stays until deleted.
         */
        public void stopNode(String name) {
            fleet.stop(name);
        }

        /**
         * Starts a stopped node's agent again, as when its machine comes back: it registers (again,
         * if its Node was deleted meanwhile), heartbeats, and adopts the pods its runtime kept
         * running; it finishes what happened to them while it was away (a pod deleted meanwhile is
         * killed and removed). Like {@link #addNode}, it has returned once the node has reported Ready.
         *
         * @throws IllegalArgumentException if the node's agent is running
         */
        public void startNode(String name) {
            if (fleet.nodeNames().contains(name)) throw new IllegalArgumentException("node " + name + " is running");
            fleet.add(nodeConfig.apply(name));
        }

        /**
         * Process nodes: stops the node's agent and starts a new one for the same node over the
         * same runtime state (a new {@link ProcessRuntime} on the node's directory), as when the
         * agent process of a machine restarts while its pods' processes run on. The pods' processes
         * are not touched: the new agent adopts them (same pids, restart counts kept). Answers when
         * the new agent has registered.
         *
         * @throws IllegalArgumentException when {@code node} is not a process node of this cluster
         */
        public synchronized void restartAgent(String node) {
            int i = -1;
            for (int j = 0; j < agents.size(); j++) {
                if (agents.get(j).nodeName().equals(node)) i = j;
            }
            if (i < 0) throw new IllegalArgumentException("no process node " + node + " in this cluster");
            NodeAgent old = agents.get(i);
            old.close();
            // Closing a runtime only stops its watcher; its processes run on (stopAll is what stops them).
            runtimes.get(i).close();
            ProcessRuntime rt = new ProcessRuntime(runtimeConfigs.get(i));
            runtimes.set(i, rt);
            agents.set(i, NodeAgent.start(client, old.config(), rt, clock));
        }

        @Override
        public synchronized void close() {
            // Each step runs whatever the one before did, so the store is always closed.
            List<AutoCloseable> order = new ArrayList<>(agents);
            // Ctrl-C stops the whole cluster, its pods' processes included: nothing keeps running
            // on the machine, and a resumed cluster starts its pods again (as after a reboot).
            for (ProcessRuntime rt : runtimes) order.add(() -> rt.stopAll(Duration.ofSeconds(10)));
            order.addAll(runtimes);
            order.add(networks);
            order.addAll(java.util.Arrays.asList(fleet, manager, client, http, api));
            for (AutoCloseable c : order) {
                try {
                    if (c != null) c.close();
                } catch (Exception | Error ignored) {
                    // stopping anyway
                }
            }
            store.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        Running r;
        try {
            r = open();
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
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("everynode is up: API server on http://127.0.0.1:" + r.port() + ", " + nodes + " " + runtime + " node(s), data in "
                + dataDir.resolve("data").toAbsolutePath());
        System.out.println("Try:  " + kubectlCommand(System.getenv("EVERYNODE_KUBECTL"), Path.of("").toAbsolutePath()) + " --kubeconfig "
                + r.kubeconfig + " get nodes");
        System.out.println("Stop with Ctrl-C; run `everynode up` again on " + dataDir + " to resume this cluster.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Starts everything and writes the kubeconfig; the caller closes what it answers. */
    public Running open() throws Exception {
        AgentCommand.checkRuntime(runtime);
        if (nodes < 0) throw new IllegalArgumentException("--nodes must be 0 or more");
        Path data = dataDir.resolve("data");
        Files.createDirectories(data);
        Clock clock = Clock.systemUTC();
        Store store = Stores.open(StoreConfig.sqlite(data), clock);
        ApiServer api = new ApiServer(ApiServerConfig.defaults(), store, clock);
        HttpFrontend http = new HttpFrontend(api, "127.0.0.1", port);
        Running r = new Running(store, api, http, KubeClient.inProcess(api), dataDir.resolve("kubeconfig"));
        r.clock = clock;
        try {
            http.start();
            api.advertise("127.0.0.1:" + http.port());
            r.manager = new ControllerManager(controllerConfig(), r.client, clock);
            r.manager.start();
            r.nodeConfig = this::nodeConfig;
            if (runtime.equals(ProcessRuntime.NAME)) {
                startProcessNodes(r, clock);
            } else {
                // Simulated containers log a line when they start and end: `kubectl logs` shows them (DIR/nodes/<node>/logs).
                r.fleet = new SimulatedFleet(r.client, clock,
                        SimulatedRuntime.Config.defaults().withLogDir(dataDir.resolve("nodes").toAbsolutePath()));
                List<AgentConfig> configs = new ArrayList<>();
                for (int i = 1; i <= nodes; i++) configs.add(r.nodeConfig.apply("node-" + i));
                r.fleet.addAll(configs, REGISTER_PARALLELISM);
            }
            Files.writeString(r.kubeconfig, kubeconfig("http://127.0.0.1:" + http.port()));
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

    /**
     * Process nodes: images under DIR/images, shared by all nodes, with the demo agent registered
     * from this program's own jar; node N's state, logs and emptyDirs under DIR/nodes/N.
     */
    private void startProcessNodes(Running r, Clock clock) throws java.io.IOException {
        Path images = dataDir.resolve("images").toAbsolutePath();
        DemoImage.install(images, DemoImage.ownClassPath());
        Availability netns = NodeNetworks.check();
        if (netns.available()) {
            r.networks = NodeNetworks.forDataDir(dataDir);
        } else {
            System.err.println("warning: " + netns.warning());
        }
        for (int i = 1; i <= nodes; i++) {
            AgentConfig config = r.nodeConfig.apply("node-" + i);
            ProcessRuntime.Config rc = ProcessRuntime.Config.of(dataDir.resolve("nodes").resolve(config.nodeName()).toAbsolutePath(), images,
                    config.nodeName());
            if (r.networks != null) {
                // Each node in a network namespace of its own: pods of different nodes may listen on the same port.
                NodeNetwork net = r.networks.create(config.nodeName());
                config = config.withHostIP(net.nodeIP());
                rc = rc.withNodeIP(net.nodeIP()).withLaunchPrefix(net.launchPrefix());
            }
            ProcessRuntime rt = new ProcessRuntime(rc);
            r.runtimes.add(rt);
            r.runtimeConfigs.add(rc);
            r.agents.add(NodeAgent.start(r.client, config, rt, clock));
        }
    }


    /** A kubeconfig with one cluster, one context and an empty user (no authentication yet). */
    static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: %s
                  name: everynode
                contexts:
                - context:
                    cluster: everynode
                    user: everynode
                  name: everynode
                current-context: everynode
                preferences: {}
                users:
                - name: everynode
                  user: {}
                """.formatted(server);
    }
}
