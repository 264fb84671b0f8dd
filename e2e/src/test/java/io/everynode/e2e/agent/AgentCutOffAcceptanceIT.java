package io.everynode.e2e.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetwork;
import io.everynode.agent.netns.NodeNetworks;
import io.everynode.cli.Main;
import io.everynode.client.Kubeconfig;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.everynode.testkit.history.WatchRecord;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's partition: an {@code everynode agent} on the process runtime runs inside a network
 * namespace the test makes, and the API server listens on the host end of that namespace's link.
 * Taking the link down for longer than the node monitor grace period makes the node Unknown
 * (NotReady) with the unreachable taints; the pod that tolerates them for 2 s is evicted, the
 * DaemonSet's pod (which tolerates unreachable NoExecute for ever) is not. With the link up again
 * the node is Ready, the taints are gone, and the daemon pod is the same pod with the same process.
 * Every write of the test and the pods' and nodes' watches are recorded and checked.
 */
class AgentCutOffAcceptanceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NODE = "cut-off";
    private static final ApiResource PODS = ApiResource.core("pods");
    private static final ApiResource NODES = ApiResource.core("nodes");
    /** How often the agent renews its Lease and posts its status ({@code --node-status-update-frequency}). */
    private static final Duration REPORTS = Duration.ofSeconds(2);
    /**
     * Five reports (upstream: 40 s over the kubelet's 10 s, four), so a late renewal on a loaded
     * machine still comes within it, and the cut-off is seen in seconds.
     */
    private static final Duration GRACE = REPORTS.multipliedBy(5);

    @TempDir
    Path dir;

    private final History history = new History();
    private final List<RecordingWatcher> watchers = new ArrayList<>();
    private NodeNetworks networks;
    private NodeNetwork node;
    private ControlPlane cp;
    private Process agent;
    private boolean linkDown;

    @AfterEach
    void tearDown() throws Exception {
        watchers.forEach(RecordingWatcher::close);
        if (linkDown) ip("link", "set", node.hostLink(), "up");
        if (agent != null) {
            agent.destroy(); // the agent stops its pods' processes on SIGTERM
            if (!agent.waitFor(60, TimeUnit.SECONDS)) agent.destroyForcibly();
        }
        if (cp != null) cp.close();
        if (networks != null) networks.close();
    }

    @Test
    void aNodeCutOffLongerThanTheGracePeriodIsTaintedLosesItsIntolerantPodAndKeepsItsDaemonPod() throws Exception {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase().startsWith("linux"), "network namespaces need Linux");
        Availability netns = NodeNetworks.check();
        assumeTrue(netns.available(), () -> "cutting a node off needs a network namespace: " + netns.warning());
        networks = new NodeNetworks("cut-off-it-" + dir);
        node = networks.create(NODE);
        String hostIP = node.hostIP();
        ClusterPki pki =
                ClusterPki.open(dir.resolve("server"), SubjectAltNames.forThisHost(List.of(hostIP)), Clock.systemUTC());
        cp = ControlPlane.builder()
                .secure(pki)
                .bind(hostIP, 0)
                .advertiseHost(hostIP)
                .controllers(ControllerManagerConfig.defaults()
                        .withNodeLifecycle(
                                new NodeLifecycleConfig(GRACE, Duration.ofSeconds(60), Duration.ofSeconds(1))))
                .build()
                .start();
        Path kubeconfig = pki.writeAdminKubeconfig(dir.resolve("kubeconfig"), cp.url());
        Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(Kubeconfig.load(kubeconfig).sslContext())
                .build();
        URI url = URI.create(cp.url());
        RecordingClient writer = new RecordingClient("test", http, () -> url, history, Duration.ofSeconds(30));
        watchers.add(
                new RecordingWatcher("pods", http, () -> url, PODS, null, history, Duration.ofMillis(200)).start());
        watchers.add(
                new RecordingWatcher("nodes", http, () -> url, NODES, null, history, Duration.ofMillis(200)).start());

        long marker = 900_000 + ProcessHandle.current().pid() % 99_999; // this run's sleep, among the host's
        agent = startAgent(kubeconfig, image(marker));
        await().atMost(WAIT).until(() -> ready().equals("True"));

        assertThat(writer.create(ApiResource.apps("daemonsets"), "default", DAEMON_SET)
                        .outcome())
                .isInstanceOf(Outcome.Acknowledged.class);
        assertThat(writer.create(PODS, "default", PLAIN_POD).outcome()).isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(WAIT)
                .until(() -> daemonPod().map(AgentCutOffAcceptanceIT::running).orElse(false)
                        && pod("plain").map(AgentCutOffAcceptanceIT::running).orElse(false));
        Pod before = daemonPod().orElseThrow();
        ContainerStatus beforeStatus = before.getStatus().getContainerStatuses().get(0);
        long pid = await().atMost(WAIT)
                .until(() -> sleeperPids(marker), pids -> pids.size() == 1)
                .iterator()
                .next();

        ip("link", "set", node.hostLink(), "down");
        linkDown = true;
        await().atMost(WAIT.plus(GRACE)).until(() -> ready().equals("Unknown"));
        await().atMost(WAIT).until(() -> taints().containsAll(UNREACHABLE));
        assertThat(kubectl.ok("get", "node", NODE)).containsPattern(NODE + "\\s+NotReady");
        await().atMost(WAIT)
                .until(() -> pod("plain")
                        .map(p -> p.getMetadata().getDeletionTimestamp() != null)
                        .orElse(true));
        assertThat(daemonPod().orElseThrow().getMetadata().getDeletionTimestamp())
                .isNull();

        ip("link", "set", node.hostLink(), "up");
        linkDown = false;
        await().atMost(WAIT).until(() -> ready().equals("True"));
        await().atMost(WAIT).until(() -> taints().stream().noneMatch(UNREACHABLE::contains));
        await().atMost(WAIT).until(() -> pod("plain").isEmpty()); // the agent confirms the eviction
        Pod after = daemonPod().orElseThrow();
        ContainerStatus afterStatus = after.getStatus().getContainerStatuses().get(0);
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(afterStatus.getRestartCount()).isZero();
        assertThat(afterStatus.getContainerID()).isEqualTo(beforeStatus.getContainerID());
        assertThat(sleeperPids(marker)).containsExactly(pid);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        long end = Long.parseLong(cp.client()
                .get(Pod.class, "default", after.getMetadata().getName())
                .getMetadata()
                .getResourceVersion());
        await().atMost(WAIT).until(() -> watchers.stream().allMatch(w -> w.delivered() >= end));
        watchers.forEach(RecordingWatcher::close);
        String daemonKey = "pods/default/" + after.getMetadata().getName();
        assertThat(history.watches().get("pods"))
                .filteredOn(r -> r instanceof WatchRecord.Event e && e.key().equals(daemonKey))
                .extracting(r -> ((WatchRecord.Event) r).type())
                .doesNotContain(WatchRecord.Type.DELETED);
        assertThat(HistoryChecker.sharedKeys().check(history))
                .as(history.summary())
                .isEmpty();
    }

    private static final Set<String> UNREACHABLE =
            Set.of("node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");

    private static final String DAEMON_SET = """
            {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "keeper"},
             "spec": {"selector": {"matchLabels": {"app": "keeper"}},
                      "template": {"metadata": {"labels": {"app": "keeper"}},
                                   "spec": {"containers": [{"name": "keeper", "image": "test/sleeper:1"}]}}}}
            """;

    /** Tolerates the node's trouble for 2 s only (admission gives pods without tolerations 300 s). */
    private static final String PLAIN_POD = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "plain"},
             "spec": {"containers": [{"name": "plain", "image": "test/sleeper:1", "args": ["1"]}],
                      "terminationGracePeriodSeconds": 1,
                      "tolerations": [
                        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                         "tolerationSeconds": 2},
                        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                         "tolerationSeconds": 2}]}}
            """;

    /**
     * The process runtime's image: {@code sleep} for its first argument's seconds, or for
     * {@code marker} seconds, a number no other process on the host is likely to sleep for.
     */
    private Path image(long marker) throws IOException {
        Path images = dir.resolve("images");
        Path entry = images.resolve("test/sleeper/1/entrypoint");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "#!/bin/sh\nexec sleep \"${1:-" + marker + "}\"\n");
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rwxr-xr-x"));
        return images;
    }

    /** {@code everynode agent} in its own JVM, inside the namespace: it and its pods see only that network. */
    private Process startAgent(Path kubeconfig, Path images) throws IOException {
        List<String> cmd = new ArrayList<>(node.launchPrefix());
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "agent",
                "--server",
                cp.url(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--node-name",
                NODE,
                "--runtime",
                "process",
                "--images-dir",
                images.toString(),
                "--root-dir",
                dir.resolve("node").toString(),
                "--node-ip",
                node.nodeIP(),
                "--address",
                node.nodeIP(),
                "--node-status-update-frequency",
                REPORTS.toSeconds() + "s"));
        return new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("agent.out").toFile())
                .redirectError(dir.resolve("agent.err").toFile())
                .start();
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    /** The host PIDs of {@code sleep <marker>}: the daemon pod's container process. */
    private static Set<Long> sleeperPids(long marker) throws IOException {
        String wanted = "sleep\0" + marker + "\0";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("cmdline"), StandardCharsets.ISO_8859_1)
                                    .equals(wanted);
                        } catch (IOException | RuntimeException gone) {
                            return false; // the process ended while the list was read
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .collect(Collectors.toSet());
        }
    }

    private Node nodeObject() {
        return cp.client().get(Node.class, null, NODE);
    }

    private String ready() {
        Node n = cp.client().list(Node.class, null).items().stream()
                .filter(x -> x.getMetadata().getName().equals(NODE))
                .findFirst()
                .orElse(null);
        if (n == null || n.getStatus() == null || n.getStatus().getConditions() == null) return "";
        return n.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Ready"))
                .map(NodeCondition::getStatus)
                .findFirst()
                .orElse("");
    }

    private Set<String> taints() {
        List<Taint> t = nodeObject().getSpec().getTaints();
        return t == null
                ? Set.of()
                : t.stream().map(x -> x.getKey() + ":" + x.getEffect()).collect(Collectors.toSet());
    }

    private Optional<Pod> pod(String name) {
        return cp.client().list(Pod.class, "default").items().stream()
                .filter(p -> p.getMetadata().getName().equals(name))
                .findFirst();
    }

    private Optional<Pod> daemonPod() {
        return cp.client().list(Pod.class, "default").items().stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && "keeper".equals(p.getMetadata().getLabels().get("app")))
                .findFirst();
    }

    private static boolean running(Pod p) {
        List<ContainerStatus> s = p.getStatus() == null ? null : p.getStatus().getContainerStatuses();
        return s != null && !s.isEmpty() && s.get(0).getState().getRunning() != null;
    }
}
