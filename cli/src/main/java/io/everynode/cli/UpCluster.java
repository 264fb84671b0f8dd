package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.AgentJar;
import io.everynode.agent.NodeAgent;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.cni.CniNetwork;
import io.everynode.agent.container.RuncRuntime;
import io.everynode.agent.demo.DemoImage;
import io.everynode.agent.endpointauth.EndpointSecurity;
import io.everynode.agent.endpointauth.ServingCertificate;
import io.everynode.agent.endpointauth.SubjectAccessReviewAuthorizer;
import io.everynode.agent.join.ClusterDiscovery;
import io.everynode.agent.join.JoinedClient;
import io.everynode.agent.join.NodeCertificateRequest;
import io.everynode.agent.join.NodeCredentialFiles;
import io.everynode.agent.join.NodeJoin;
import io.everynode.agent.logs.LogEndpoint;
import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetwork;
import io.everynode.agent.netns.NodeNetworks;
import io.everynode.agent.process.ProcessRuntime;
import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.client.ClientConfig;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A cluster {@code everynode up} started ({@link UpCommand#open()}): the store, the API server and
 * its HTTP front, the controllers, and the nodes (a simulated fleet, or one agent and process
 * runtime per node, each in its network namespace where the machine allows). {@link #close()}
 * stops it, agents first, the store last.
 */
public final class UpCluster implements AutoCloseable {
    /** Store, API server, HTTP front, the in-process client and the controllers. */
    final ControlPlane controlPlane;

    final KubeClient client;
    /** What each node's agent calls as: itself ({@code system:node:NAME}). */
    final InProcessNodeClients nodeClients;

    SimulatedFleet fleet;
    /** With the process runtime: one agent and one runtime per node (agents close first, then the pods' processes stop). */
    final List<NodeAgent> agents = new ArrayList<>();

    final List<ProcessRuntime> runtimes = new ArrayList<>();
    /** With the container runtime: one runc runtime per node, stopped after the agents. */
    final List<RuncRuntime> containerRuntimes = new ArrayList<>();
    /** With the container runtime: each node's pod network, removed (pods' namespaces, bridge, range) when the cluster stops. */
    final List<CniNetwork> podNetworks = new ArrayList<>();
    /** The container nodes' image garbage collection (their store is shared), or null. */
    io.everynode.agent.images.ImageGcTimer imageGc;
    /** The runtime configuration of each process node, by index as in {@link #agents}, for {@link #restartAgent}. */
    final List<ProcessRuntime.Config> runtimeConfigs = new ArrayList<>();
    /** Where each process node serves its logs, by index as in {@link #agents}, for {@link #restartAgent}. */
    final List<LogEndpoint> logEndpoints = new ArrayList<>();
    /** Process nodes' clients over HTTPS with the certificates they joined with (and their rotation), by node. */
    final Map<String, JoinedClient> joined = new LinkedHashMap<>();

    Clock clock;
    /** The bootstrap token this cluster's process nodes join with, made when the first needs it. */
    private BootstrapToken joinToken;

    /** How long a process node's discovery and CSR may take. */
    private static final Duration JOIN_WAIT = Duration.ofMinutes(1);

    /** The nodes' network namespaces (process runtime, where the machine allows them), or null. */
    NodeNetworks networks;

    final Path kubeconfig;
    /** Each node's agent settings by node name (set by {@link UpCommand#open()}). */
    Function<String, AgentConfig> nodeConfig = AgentConfig::defaults;

    UpCluster(ControlPlane controlPlane, Path kubeconfig) {
        this.controlPlane = controlPlane;
        this.client = controlPlane.client();
        this.nodeClients = new InProcessNodeClients(controlPlane.api());
        this.kubeconfig = kubeconfig;
    }

    public int port() {
        return controlPlane.port();
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
        simulatedFleet().add(nodeConfig.apply(name));
    }

    /**
     * Stops a node's agent, as if its machine were switched off: no more heartbeats, and a
     * deleted Node object is not registered again. The Node object stays until deleted.
     */
    public void stopNode(String name) {
        simulatedFleet().stop(name);
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
        if (simulatedFleet().nodeNames().contains(name))
            throw new IllegalArgumentException("node " + name + " is running");
        fleet.add(nodeConfig.apply(name));
    }

    /** The simulated nodes; a cluster of process nodes has none (its nodes restart with {@link #restartAgent}). */
    private SimulatedFleet simulatedFleet() {
        if (fleet == null)
            throw new IllegalStateException(
                    "this cluster runs process nodes: adding, stopping and starting nodes works on simulated ones");
        return fleet;
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
        agents.set(i, NodeAgent.start(joined.get(node).client(), old.config(), rt, clock, logEndpoints.get(i)));
    }

    @Override
    public synchronized void close() {
        // Each step runs whatever the one before did, so the control plane (the store last) is always closed.
        List<AutoCloseable> order = new ArrayList<>(agents);
        order.add(imageGc);
        // Ctrl-C stops the whole cluster, its pods' processes included: nothing keeps running
        // on the machine, and a resumed cluster starts its pods again (as after a reboot).
        for (ProcessRuntime rt : runtimes) order.add(() -> rt.stopAll(Duration.ofSeconds(10)));
        order.addAll(runtimes);
        for (RuncRuntime rt : containerRuntimes) {
            order.add(() -> rt.stopAll(Duration.ofSeconds(10)));
            order.add(rt::removeAll);
        }
        order.addAll(containerRuntimes);
        for (CniNetwork n : podNetworks) order.add(n::removeAll);
        order.addAll(joined.values());
        order.add(networks);
        order.add(fleet);
        order.add(nodeClients);
        for (AutoCloseable c : order) {
            try {
                if (c != null) c.close();
            } catch (Exception | Error ignored) {
                // stopping anyway
            }
        }
        controlPlane.close();
    }

    /**
     * How an agent of this cluster secures its endpoint: a serving certificate the cluster CA
     * signs for {@code node} at {@code addresses} (minted in process, as the CSR signer would),
     * client certificates of the cluster CA only, and each request authorized by a
     * SubjectAccessReview (in process) as {@code node} asks it. Null when the control plane has no TLS.
     */
    EndpointSecurity endpointSecurity(String node, List<String> addresses) {
        ClusterPki pki = controlPlane.pki();
        if (pki == null) return null;
        return new EndpointSecurity(
                new ServingCertificate(pki.nodeServing(node, addresses)),
                List.of(pki.ca().certificate()),
                new SubjectAccessReviewAuthorizer(nodeClients.forNode(node), clock));
    }

    /**
     * Process nodes: images under DIR/images, shared by all nodes, with the demo agent registered
     * from this program's own jar; node N's state, logs and emptyDirs under DIR/nodes/N. The API
     * server fetches logs at each node's InternalIP and advertised port: in a network namespace,
     * a relay inside it on the node's IP and port 10250 forwards to the agent's log server on the
     * host's bridge address; in the host network, the log server is on loopback, the node's IP.
     */
    void startProcessNodes(int nodes, Path dataDir) throws java.io.IOException {
        Path images = dataDir.resolve("images").toAbsolutePath();
        DemoImage.install(images, AgentJar.classPath());
        Availability netns = NodeNetworks.check();
        if (netns.available()) {
            networks = NodeNetworks.forDataDir(dataDir);
        } else {
            System.err.println("warning: " + netns.warning());
        }
        for (int i = 1; i <= nodes; i++) {
            AgentConfig config = nodeConfig.apply("node-" + i);
            ProcessRuntime.Config rc = ProcessRuntime.Config.of(
                    dataDir.resolve("nodes").resolve(config.nodeName()).toAbsolutePath(), images, config.nodeName());
            LogEndpoint logs = LogEndpoint.direct(config.hostIP(), 0);
            if (networks != null) {
                // Each node in a network namespace of its own: pods of different nodes may listen on the same port.
                NodeNetwork net = networks.create(config.nodeName());
                config = config.withHostIP(net.nodeIP());
                rc = rc.withNodeIP(net.nodeIP()).withLaunchPrefix(net.launchPrefix());
                logs = LogEndpoint.relayed(net.launchPrefix(), net.hostIP());
            }
            logs = logs.withSecurity(endpointSecurity(config.nodeName(), List.of(config.hostIP())));
            ProcessRuntime rt = new ProcessRuntime(rc);
            runtimes.add(rt);
            runtimeConfigs.add(rc);
            logEndpoints.add(logs);
            agents.add(NodeAgent.start(
                    join(config.nodeName(), nodeDir(dataDir, config.nodeName())), config, rt, clock, logs));
        }
    }

    private static Path nodeDir(Path dataDir, String node) {
        return dataDir.resolve("nodes").resolve(node).toAbsolutePath();
    }

    /**
     * Process nodes join as agents on other hosts do (docs/security.md, Joining agents): over
     * HTTPS, with a bootstrap token this cluster makes for them (one hour, only when a node has
     * no valid credentials yet) and the CA hash, through a CSR; credentials under the node's
     * directory, so a resumed cluster's nodes come back on them without a token.
     */
    private KubeClient join(String node, Path dir) {
        ClientConfig config = ClientConfig.defaults().withUserAgent("everynode-agent/" + node);
        NodeCredentialFiles files = new NodeCredentialFiles(dir);
        NodeCertificateRequest requests = new NodeCertificateRequest(clock, JOIN_WAIT);
        if (files.loadValid(clock.instant()).isEmpty() && joinToken == null) {
            joinToken = new BootstrapTokens(client, clock, new SecureRandom())
                    .create(
                            null,
                            Duration.ofHours(1),
                            BootstrapTokens.DEFAULT_USAGES,
                            BootstrapTokens.DEFAULT_GROUPS,
                            "everynode up: its process nodes join with it");
        }
        URI server = URI.create(controlPlane.url());
        Kubeconfig credentials = new NodeJoin(
                        new ClusterDiscovery(config, clock, JOIN_WAIT, Duration.ofMillis(100)), requests, config, clock)
                .credentials(
                        files,
                        new NodeJoin.Settings(
                                server, joinToken, List.of(controlPlane.pki().caHash()), false, node, null));
        SecureRandom random = new SecureRandom();
        JoinedClient c = new JoinedClient(
                credentials,
                files,
                node,
                requests,
                null,
                config,
                clock,
                random::nextDouble,
                AgentClient.ROTATION_CHECK);
        joined.put(node, c);
        return c.client();
    }

    /**
     * Container nodes: every node an agent with its own runc runtime (state, bundles and logs
     * under DIR/nodes/N), its own CNI bridge and pod range, and images from one image store
     * shared by all nodes ({@code images}). The nodes share the host network; each joins over
     * HTTPS as process nodes do, and serves its endpoint on its InternalIP.
     */
    void startContainerNodes(int nodes, Path dataDir, ContainerImageFlags images) {
        io.everynode.images.ImageStore store = images.storeUnder(dataDir);
        for (int i = 1; i <= nodes; i++) {
            AgentConfig config = nodeConfig.apply("node-" + i);
            Path nodeDir = nodeDir(dataDir, config.nodeName());
            KubeClient client = join(config.nodeName(), nodeDir);
            CniNetwork network = ContainerNodes.network(nodeDir.toAbsolutePath());
            podNetworks.add(network);
            RuncRuntime rt = ContainerNodes.runtime(
                    nodeDir.toAbsolutePath(),
                    config.nodeName(),
                    config.hostIP(),
                    images.imageSource(store, ContainerNodes.secrets(client)),
                    network);
            containerRuntimes.add(rt);
            ContainerNodes.sweepGonePods(client, config.nodeName(), rt);
            LogEndpoint logs = LogEndpoint.direct(config.hostIP(), 0)
                    .withSecurity(endpointSecurity(config.nodeName(), List.of(config.hostIP())));
            agents.add(NodeAgent.start(client, config, rt, clock, logs));
        }
        // One store for every node, so one garbage collection, keeping every node's images.
        imageGc = ContainerNodes.imageGc(store, clock, List.copyOf(containerRuntimes));
    }
}
