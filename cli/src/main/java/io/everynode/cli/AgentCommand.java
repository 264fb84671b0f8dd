package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.AgentJar;
import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.NodeAgent;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.agent.demo.DemoImage;
import io.everynode.agent.join.JoinFailure;
import io.everynode.agent.process.ProcessRuntime;
import io.everynode.client.KubeClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code everynode agent}: one node agent that registers with a server and runs the pods bound to its node. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Runs a node agent: registers the node, heartbeats, and runs the pods bound to it.")
final class AgentCommand implements Callable<Integer> {
    /** The container runtime's image store, plain-HTTP registries and default credentials. */
    @Mixin
    ContainerImageFlags containerImages = new ContainerImageFlags();

    @Option(
            names = "--server",
            required = true,
            split = ",",
            paramLabel = "URL",
            description = "The API server, e.g. https://127.0.0.1:6443; several (comma-separated or repeated) for"
                    + " several servers of one cluster: the agent calls the first that answers and moves on to the"
                    + " next when it cannot be reached or answers 5xx (docs/ha.md).")
    List<URI> servers;

    @Option(
            names = "--kubeconfig",
            description = "A kubeconfig whose CA and credentials (client certificate or token) the agent calls"
                    + " --server with, e.g. the server's DATA/kubeconfig.")
    Path kubeconfig;

    @Option(
            names = "--node-name",
            description = "This node's name (default: this host's name in lower case, as the kubelet's).")
    String nodeName;

    @Option(
            names = "--token",
            description = "A bootstrap token (ID.SECRET, see `everynode token create`) to join the cluster with: the"
                    + " agent checks the server (--discovery-token-ca-cert-hash), obtains a node client certificate"
                    + " through a CertificateSigningRequest and keeps it under --root-dir (kubelet.conf). Not needed"
                    + " once the node has joined.")
    String token;

    @Option(
            names = "--discovery-token-ca-cert-hash",
            split = ",",
            description = "The pins of the cluster CA's public key (sha256:HEX) the server must present; the server"
                    + " prints them with `everynode token create --print-join-command`.")
    List<String> caHashes = new ArrayList<>();

    @Option(
            names = "--discovery-token-unsafe-skip-ca-verification",
            description = "Join with --token without pinning the CA (anyone between this host and the server could"
                    + " pose as it).")
    boolean skipCaVerification;

    @Option(
            names = "--discovery-timeout",
            defaultValue = "5m",
            converter = ServerCommand.GoDuration.class,
            description = "How long to keep trying to reach the server and find the token's signature while joining"
                    + " (default: ${DEFAULT-VALUE}, kubeadm's).")
    java.time.Duration discoveryTimeout;

    @Option(names = "--node-labels", defaultValue = "", description = "Extra node labels: k=v,k2=v2.")
    String nodeLabels;

    @Option(
            names = "--register-with-taints",
            defaultValue = "",
            description = "Taints set at registration: k=v:Effect,...")
    String taints;

    @Option(
            names = "--runtime",
            defaultValue = "simulated",
            description =
                    "What runs the containers: simulated, process or container (OCI containers by runc; needs root)"
                            + " (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(
            names = "--root-dir",
            description = "The process runtime's state, logs and emptyDirs (default: .everynode/nodes/NODE).")
    Path rootDir;

    @Option(
            names = "--images-dir",
            defaultValue = ImageCommand.DEFAULT_IMAGES_DIR,
            description = "The process runtime's image directory (default: ${DEFAULT-VALUE}; see `everynode image`).")
    Path imagesDir;

    @Option(
            names = "--node-ip",
            defaultValue = "127.0.0.1",
            description =
                    "The node's InternalIP, also its pods' hostIP (and podIP with the process runtime) (default: ${DEFAULT-VALUE}).")
    String nodeIP = "127.0.0.1";

    @Option(
            names = "--address",
            defaultValue = "127.0.0.1",
            description =
                    "The address the agent's log endpoint listens on; the API server connects to the node's InternalIP (--node-ip), "
                            + "so use that address or 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    String address = "127.0.0.1";

    @Option(
            names = "--port",
            defaultValue = "0",
            description =
                    "The log endpoint's port, advertised in the Node's status.daemonEndpoints; 0 picks a free one "
                            + "(default: ${DEFAULT-VALUE}; the kubelet's is 10250).")
    int port;

    @Option(
            names = "--capacity",
            defaultValue = "",
            description = "cpu=…,memory=…,pods=… (default: this machine's, 110 pods).")
    String capacity;

    @Option(
            names = "--eviction-hard",
            defaultValue = "memory.available<100Mi",
            description =
                    "Hard eviction threshold, as the kubelet's: memory.available<QUANTITY or <PERCENT%% (default: ${DEFAULT-VALUE}). "
                            + "Disk and pid signals are accepted and not acted on.")
    String evictionHard;

    @Option(
            names = "--eviction-pressure-transition-period",
            defaultValue = "5m",
            converter = ServerCommand.GoDuration.class,
            description =
                    "How long MemoryPressure stays True after the last pressure seen (default: ${DEFAULT-VALUE}).")
    java.time.Duration evictionPressureTransitionPeriod;

    @Option(
            names = "--usage-report-interval",
            defaultValue = "15s",
            converter = ServerCommand.GoDuration.class,
            description =
                    "How often the node reports its containers' CPU and memory for kubectl top, as metrics-server's "
                            + "--metric-resolution (default: ${DEFAULT-VALUE}).")
    java.time.Duration usageReportInterval;

    @Option(
            names = "--node-status-update-frequency",
            defaultValue = "10s",
            converter = ServerCommand.GoDuration.class,
            description =
                    "How often the node renews its Lease and posts its status, as the kubelet's flag of this name"
                            + " (its Lease renewal, a quarter of the 40 s lease, is the same 10 s) (default: ${DEFAULT-VALUE}).")
    java.time.Duration nodeStatusUpdateFrequency;

    @Override
    public Integer call() throws Exception {
        AgentConfig config;
        if (nodeName == null) nodeName = AgentFlags.hostName();
        try {
            checkRuntime(runtime);
            config = AgentConfig.defaults(nodeName)
                    .withLabels(AgentFlags.labels(nodeLabels))
                    .withTaints(AgentFlags.taints(taints))
                    .withCapacity(AgentFlags.capacity(capacity, AgentConfig.machineCapacity()))
                    .withEviction(AgentFlags.eviction(evictionHard, evictionPressureTransitionPeriod))
                    .withUsageReportInterval(usageReportInterval)
                    .withReportInterval(AgentFlags.statusUpdateFrequency(nodeStatusUpdateFrequency))
                    .withHostIP(nodeIP);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        String logWarning = AgentFlags.logAddressWarning(nodeIP, address);
        if (logWarning != null) System.err.println("warning: " + logWarning);
        Clock clock = Clock.systemUTC();
        Path nodeDir = rootDir != null ? rootDir : Path.of(".everynode", "nodes", nodeName);
        AgentClient connected;
        try {
            connected = AgentClient.connect(this, nodeDir, clock);
        } catch (IllegalArgumentException | JoinFailure | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        KubeClient client = connected.client();
        ContainerRuntime rt;
        io.everynode.agent.images.ImageGcTimer imageGc = null;
        try {
            if (runtime.equals(ContainerNodes.NAME)) {
                Optional<String> missing = ContainerNodes.missing();
                if (missing.isPresent()) throw new IllegalArgumentException(missing.get());
                io.everynode.images.ImageStore store = containerImages.store();
                io.everynode.agent.container.RuncRuntime runc = ContainerNodes.runtime(
                        nodeDir.toAbsolutePath(),
                        nodeName,
                        config.hostIP(),
                        containerImages.imageSource(store, ContainerNodes.secrets(client)),
                        ContainerNodes.network(nodeDir.toAbsolutePath()));
                ContainerNodes.sweepGonePods(client, nodeName, runc);
                imageGc = ContainerNodes.imageGc(store, clock, java.util.List.of(runc));
                rt = runc;
            } else if (runtime.equals(ProcessRuntime.NAME)) {
                // As `up` does: the demo agent image is there on every process node, pointing at this program's own
                // jar.
                DemoImage.install(imagesDir, AgentJar.classPath());
                rt = new ProcessRuntime(
                        new ProcessRuntime.Config(nodeDir, imagesDir, nodeName, config.hostIP(), java.util.List.of()));
            } else {
                rt = new SimulatedRuntime(SimulatedRuntime.Config.defaults(), clock, nodeName);
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            connected.close();
            return 2;
        }
        NodeAgent agent;
        try {
            agent = NodeAgent.start(
                    client,
                    config,
                    rt,
                    clock,
                    AgentEndpoints.of(client, config, address, port, connected.clusterCa(), clock));
        } catch (RuntimeException e) {
            System.err.println(
                    "error: cannot register node " + nodeName + " with " + servers(servers) + ": " + e.getMessage());
            if (imageGc != null) imageGc.close();
            rt.close();
            connected.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        io.everynode.agent.images.ImageGcTimer gc = imageGc;
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (gc != null) gc.close();
                agent.close();
                rt.close();
                connected.close();
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("everynode agent: node " + nodeName + " registered with " + servers(servers) + " (runtime "
                + runtime + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String servers(List<URI> servers) {
        return servers.stream().map(URI::toString).collect(java.util.stream.Collectors.joining(","));
    }

    /** The runtimes there are: simulated (the default), process and container. */
    static void checkRuntime(String runtime) {
        switch (runtime) {
            case "simulated", "process", ContainerNodes.NAME -> {}
            default ->
                throw new IllegalArgumentException(
                        "unknown runtime \"" + runtime + "\" (use simulated, process or container)");
        }
    }
}
