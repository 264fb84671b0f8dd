package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--runtime", defaultValue = "simulated", description = "What runs the containers: simulated (default: ${DEFAULT-VALUE}).")
    String runtime = "simulated";

    @Option(names = "--data-dir", defaultValue = ".everynode", description = "Where the store and kubeconfig live (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".everynode");

    @Option(names = "--port", defaultValue = "6443", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 6443;

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

    /** A running cluster; {@link #close()} stops it, agents first, the store last. */
    public static final class Running implements AutoCloseable {
        final Store store;
        final ApiServer api;
        final HttpFrontend http;
        final KubeClient client;
        ControllerManager manager;
        SimulatedFleet fleet;
        final Path kubeconfig;

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

        @Override
        public void close() {
            // Each step runs whatever the one before did, so the store is always closed.
            for (AutoCloseable c : new AutoCloseable[] {fleet, manager, client, http, api}) {
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
        System.out.println("everynode is up: API server on http://127.0.0.1:" + r.port() + ", " + nodes + " simulated node(s), data in "
                + dataDir.resolve("data").toAbsolutePath());
        System.out.println("Try:  kubectl --kubeconfig " + r.kubeconfig + " get nodes");
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
        try {
            http.start();
            api.advertise("127.0.0.1:" + http.port());
            r.manager = new ControllerManager(ControllerManagerConfig.defaults(), r.client, clock);
            r.manager.start();
            r.fleet = new SimulatedFleet(r.client, clock, SimulatedRuntime.Config.defaults());
            List<AgentConfig> configs = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) configs.add(AgentConfig.defaults("node-" + i));
            r.fleet.addAll(configs, REGISTER_PARALLELISM);
            Files.writeString(r.kubeconfig, kubeconfig("http://127.0.0.1:" + http.port()));
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
        return r;
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
