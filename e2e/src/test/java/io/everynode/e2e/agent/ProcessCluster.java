package io.everynode.e2e.agent;

import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCluster;
import io.everynode.cli.UpCommand;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code everynode up --runtime process --nodes 3} started with the command's own code in the
 * test JVM, the real kubectl pointed at the kubeconfig it wrote, and the ways a test looks at a
 * node's real processes: the runtime's state directory ({@code DIR/nodes/NODE/pods/UID/CONTAINER/N/})
 * and the demo agent's HTTP endpoints at the pod's IP.
 */
final class ProcessCluster implements AutoCloseable {
    /** Generous: the machine is shared, and a demo agent is a JVM that takes a while to start. */
    static final Duration WAIT = Duration.ofSeconds(90);

    static final String CONTAINER = "demo";

    final UpCluster running;
    final Kubectl kubectl;
    final KubeClient client;
    private final Path dataDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProcessCluster(UpCluster running, Kubectl kubectl, Path dataDir) {
        this.running = running;
        this.kubectl = kubectl;
        this.client = running.client();
        this.dataDir = dataDir;
    }

    static ProcessCluster up(int nodes, Path dir) throws Exception {
        Path data = dir.resolve("cluster");
        UpCluster r = new UpCommand()
                .nodes(nodes)
                .runtime("process")
                .dataDir(data)
                .port(0)
                .open();
        try {
            return new ProcessCluster(r, Kubectl.forKubeconfig(r.kubeconfig(), dir.resolve("kubectl")), data);
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    String kubectl(String... args) {
        return kubectl.ok(args);
    }

    String apply(String yaml) {
        return kubectl.apply(yaml);
    }

    /** Whether the nodes got network namespaces of their own: then each has an IP of its own, not the host's 127.0.0.1. */
    boolean nodesHaveOwnNetworks() {
        return client.list(Node.class, null, new ListOptionsBuilder().build()).items().stream()
                .flatMap(n -> n.getStatus().getAddresses().stream())
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress)
                .noneMatch("127.0.0.1"::equals);
    }

    /** The status of the node condition {@code type} ("True", "False") and its message. */
    String[] nodeCondition(String node, String type) {
        Node n = client.get(Node.class, null, node);
        return n.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(c -> new String[] {c.getStatus(), c.getMessage()})
                .findFirst()
                .orElse(new String[] {"Unknown", "no " + type + " condition"});
    }

    List<Pod> pods(String app) {
        return client.list(
                        Pod.class,
                        "default",
                        new ListOptionsBuilder().withLabelSelector("app=" + app).build())
                .items();
    }

    /** The pod named {@code name} in namespace default, or empty once it is gone. */
    Optional<Pod> pod(String name) {
        try {
            return Optional.of(client.get(Pod.class, "default", name));
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw e;
        }
    }

    /** Waits for exactly one Ready, non-terminating pod of {@code app} on each of {@code nodes}; answers them in node order. */
    List<Pod> awaitReadyOn(String app, List<String> nodes) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            List<Pod> ps = pods(app).stream()
                                    .sorted(java.util.Comparator.comparing(
                                            p -> p.getSpec().getNodeName() + ""))
                                    .toList();
                            boolean ok = ps.size() == nodes.size()
                                    && ps.stream().allMatch(ProcessCluster::ready)
                                    && ps.stream()
                                            .map(p -> p.getSpec().getNodeName())
                                            .toList()
                                            .equals(nodes);
                            return ok ? ps : null;
                        },
                        java.util.Objects::nonNull);
    }

    /** The one pod of {@code app} once it is Ready. */
    Pod awaitReady(String app, String node) {
        return awaitReadyOn(app, List.of(node)).get(0);
    }

    static boolean ready(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null
                || p.getStatus() == null
                || p.getStatus().getConditions() == null) return false;
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
        }
        return false;
    }

    static ContainerStatus status(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) return null;
        return p.getStatus().getContainerStatuses().stream()
                .filter(s -> CONTAINER.equals(s.getName()))
                .findFirst()
                .orElse(null);
    }

    static int restarts(Pod p) {
        ContainerStatus s = status(p);
        return s == null || s.getRestartCount() == null ? 0 : s.getRestartCount();
    }

    /** Where the node's runtime keeps the container's instances: {@code DIR/nodes/NODE/pods/UID/demo}. */
    Path containerDir(Pod p) {
        return dataDir.resolve("nodes")
                .resolve(p.getSpec().getNodeName())
                .resolve("pods")
                .resolve(p.getMetadata().getUid())
                .resolve(CONTAINER);
    }

    /** The newest instance number the runtime started for the pod's container (1, 2, …). */
    int latestInstance(Pod p) {
        try (Stream<Path> s = Files.list(containerDir(p))) {
            return s.map(x -> x.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToInt(Integer::parseInt)
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The pid of the container's command (the demo agent's JVM, not the runtime's sh wrapper), as the
     * wrapper recorded it, once it is a live process running the demo agent.
     */
    long demoPid(Pod p) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            Path child = containerDir(p)
                                    .resolve(Integer.toString(latestInstance(p)))
                                    .resolve("child");
                            if (!Files.exists(child)) return -1L;
                            long pid = Long.parseLong(Files.readString(child).trim());
                            return runsDemoAgent(pid) ? pid : -1L;
                        },
                        pid -> pid > 0);
    }

    /** Whether {@code pid} is a live process whose command line runs the demo agent. */
    static boolean runsDemoAgent(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
            return cmdline.contains("io.everynode.agent.demo.DemoAgent")
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** POSTs to one of the demo agent's control endpoints ({@code /control/unready}, …) at the pod's IP; answers the HTTP status. */
    int control(Pod p, int port, String pathAndQuery) {
        return send(p, port, pathAndQuery, "POST");
    }

    int get(Pod p, int port, String path) {
        return send(p, port, path, "GET");
    }

    private int send(Pod p, int port, String path, String method) {
        URI uri = URI.create("http://" + p.getStatus().getPodIP() + ":" + port + path);
        try {
            return http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(10))
                                    .method(method, HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Deletes a test's DaemonSet without waiting (its pods' processes get SIGTERM and go). */
    void deleteDaemonSet(String name) {
        kubectl.run("delete", "daemonset", name, "--wait=false", "--ignore-not-found");
    }

    @Override
    public void close() {
        running.close();
    }
}
