package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Probes end to end: a simulated node whose pods' probes name the host 127.0.0.1 are probed
 * over real HTTP and TCP against a server the test runs (a probe of a pod's own made-up address,
 * or any network probe of a hostNetwork pod, is simulated instead), and through the simulated
 * runtime's exec.
 */
class NodeAgentProbesIT {
    private static final Duration WAIT = Duration.ofSeconds(45);

    private final TestCluster cluster = new TestCluster();
    private final Clock clock = Clock.systemUTC();
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private final HttpServer server;
    /** Path → answer for the n-th request (counting from 1) to it. */
    private final Map<String, IntUnaryOperator> answers = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private NodeAgent agent;

    NodeAgentProbesIT() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int n = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int code = answers.getOrDefault(path, i -> 404).applyAsInt(n);
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        // Answers 200 only to a probe that sends the kubelet's User-Agent and the pod's own header.
        server.createContext("/headers", exchange -> {
            boolean ok = "yes".equals(exchange.getRequestHeaders().getFirst("X-Probe"))
                    && String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))
                            .startsWith("kube-probe/");
            exchange.sendResponseHeaders(ok ? 200 : 400, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        runtime.close();
        server.stop(0);
        cluster.close();
    }

    private void start(AgentConfig config) {
        agent = NodeAgent.start(cluster.client, config, runtime, clock);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private Probe http(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withHost("127.0.0.1")
                .withPath(path)
                .withPort(new IntOrString(port()))
                .endHttpGet()
                .withPeriodSeconds(1)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /** A pod whose probes (naming host 127.0.0.1) reach the test's server. */
    private static PodBuilder probedPod(String name) {
        return TestCluster.pod(name, "n1");
    }

    private static PodBuilder hostNetworkPod(String name) {
        return TestCluster.pod(name, "n1").editSpec().withHostNetwork(true).endSpec();
    }

    private ContainerStatus status(String pod) {
        Pod p = cluster.pod(pod).orElse(null);
        if (p == null
                || p.getStatus() == null
                || p.getStatus().getContainerStatuses() == null
                || p.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        return p.getStatus().getContainerStatuses().get(0);
    }

    private String condition(String pod, String type) {
        Pod p = cluster.pod(pod).orElse(null);
        if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) return null;
        return p.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(c -> c.getStatus())
                .findFirst()
                .orElse(null);
    }

    private List<String> events(String pod) {
        return cluster.client.list(Event.class, "default").items().stream()
                .filter(e -> pod.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage())
                .toList();
    }

    @Test
    void readinessDrivesThePodsReadyConditionBothWays() {
        answers.put("/ready", n -> 200);
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(probedPod("web")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(http("/ready", 1))
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("web", "Ready")));
        assertThat(condition("web", "ContainersReady")).isEqualTo("True");
        assertThat(status("web").getReady()).isTrue();

        answers.put("/ready", n -> 503);
        await().atMost(WAIT).until(() -> "False".equals(condition("web", "Ready")));
        assertThat(condition("web", "ContainersReady")).isEqualTo("False");
        assertThat(status("web").getReady()).isFalse();
        assertThat(status("web").getState().getRunning()).isNotNull();
        await().atMost(WAIT)
                .until(() -> events("web")
                        .contains("Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503"));

        answers.put("/ready", n -> 200);
        await().atMost(WAIT).until(() -> "True".equals(condition("web", "Ready")));
        assertThat(status("web").getRestartCount()).isZero();
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerWithUnhealthyAndKillingEvents() {
        // The first instance fails twice (its failureThreshold), then every answer is healthy.
        answers.put("/healthz", n -> n <= 2 ? 500 : 200);
        start(TestCluster.agentConfig("n1"));
        Pod created = cluster.client.create(probedPod("live")
                .editSpec()
                .editFirstContainer()
                .withLivenessProbe(http("/healthz", 2))
                .endContainer()
                .endSpec()
                .build());
        String firstId = null;
        await().atMost(WAIT)
                .until(() -> status("live") != null && status("live").getContainerID() != null);
        firstId = status("live").getContainerID();

        await().atMost(WAIT).until(() -> {
            ContainerStatus cs = status("live");
            return cs != null && cs.getRestartCount() == 1 && cs.getState().getRunning() != null;
        });
        ContainerStatus cs = status("live");
        assertThat(cs.getLastState().getTerminated()).isNotNull();
        assertThat(cs.getLastState().getTerminated().getContainerID()).isEqualTo(firstId);
        assertThat(cs.getContainerID()).isNotEqualTo(firstId);
        assertThat(events("live"))
                .contains(
                        "Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500",
                        "Normal Killing Container main failed liveness probe, will be restarted");
        assertThat(created.getMetadata().getUid()).isNotNull();
        // The new instance is probed afresh and stays healthy.
        int seen = requests("/healthz");
        await().atMost(WAIT).until(() -> requests("/healthz") >= seen + 2);
        assertThat(status("live").getRestartCount()).isEqualTo(1);
    }

    @Test
    void aStartupProbeHoldsLivenessAndReadinessBackUntilItSucceeds() {
        AtomicInteger startedAfter = new AtomicInteger(Integer.MAX_VALUE);
        answers.put("/started", n -> n >= startedAfter.get() ? 200 : 500);
        answers.put("/ready", n -> 200);
        answers.put("/healthz", n -> 200);
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(probedPod("slow")
                .editSpec()
                .editFirstContainer()
                .withStartupProbe(http("/started", 60))
                .withReadinessProbe(http("/ready", 3))
                .withLivenessProbe(http("/healthz", 3))
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> requests("/started") >= 3
                        && status("slow") != null
                        && status("slow").getState().getRunning() != null);
        assertThat(requests("/ready")).isZero();
        assertThat(requests("/healthz")).isZero();
        assertThat(status("slow").getStarted()).isFalse();
        assertThat(status("slow").getReady()).isFalse();
        assertThat(condition("slow", "Ready")).isEqualTo("False");

        startedAfter.set(0);
        await().atMost(WAIT).until(() -> "True".equals(condition("slow", "Ready")));
        assertThat(status("slow").getStarted()).isTrue();
        assertThat(requests("/ready")).isPositive();
        await().atMost(WAIT).until(() -> requests("/healthz") > 0);
        assertThat(status("slow").getRestartCount()).isZero();
    }

    @Test
    void aStartupProbeThatNeverSucceedsKillsTheContainer() {
        answers.put("/started", n -> 500);
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(probedPod("stuck")
                .editSpec()
                .editFirstContainer()
                .withStartupProbe(http("/started", 2))
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> status("stuck") != null && status("stuck").getRestartCount() >= 1);
        assertThat(events("stuck"))
                .contains(
                        "Warning Unhealthy Startup probe failed: HTTP probe failed with statuscode: 500",
                        "Normal Killing Container main failed startup probe, will be restarted");
    }

    @Test
    void tcpSocketProbesPassOnAnOpenPortAndFailWithTheDialErrorOnAClosedOne() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(probedPod("open")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewTcpSocket()
                        .withHost("127.0.0.1")
                        .withPort(new IntOrString(port()))
                        .endTcpSocket()
                        .withPeriodSeconds(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());
        cluster.client.create(probedPod("shut")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewTcpSocket()
                        .withHost("127.0.0.1")
                        .withPort(new IntOrString(closed))
                        .endTcpSocket()
                        .withPeriodSeconds(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("open", "Ready")));
        await().atMost(WAIT)
                .until(() -> events("shut")
                        .contains("Warning Unhealthy Readiness probe failed: dial tcp 127.0.0.1:" + closed
                                + ": connect: connection refused"));
        assertThat(condition("shut", "Ready")).isEqualTo("False");
        assertThat(status("shut").getState().getRunning()).isNotNull();
    }

    @Test
    void execProbesRunThroughTheRuntimeAndAFailingLivenessCommandRestartsTheContainer() {
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(TestCluster.pod("ok", "n1")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewExec()
                        .withCommand("cat", "/tmp/healthy")
                        .endExec()
                        .withPeriodSeconds(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());
        cluster.client.create(TestCluster.pod("bad", "n1")
                .editSpec()
                .editFirstContainer()
                .withLivenessProbe(new ProbeBuilder()
                        .withNewExec()
                        .withCommand("false")
                        .endExec()
                        .withPeriodSeconds(1)
                        .withFailureThreshold(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("ok", "Ready")));
        await().atMost(WAIT).until(() -> status("bad") != null && status("bad").getRestartCount() >= 1);
        assertThat(events("bad"))
                .contains(
                        "Warning Unhealthy Liveness probe failed: command \"false\" exited with 1",
                        "Normal Killing Container main failed liveness probe, will be restarted");
    }

    @Test
    void probesOfAHostNetworkPodOnASimulatedNodePassWithoutAConnection() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        start(TestCluster.agentConfig("n1"));
        // MetalLB's speaker's pattern: hostNetwork, probing the node's own port, at its IP or at 127.0.0.1.
        cluster.client.create(hostNetworkPod("speaker-like")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewHttpGet()
                        .withPath("/healthz")
                        .withPort(new IntOrString(closed))
                        .endHttpGet()
                        .withPeriodSeconds(1)
                        .build())
                .withLivenessProbe(new ProbeBuilder()
                        .withNewTcpSocket()
                        .withHost("127.0.0.1")
                        .withPort(new IntOrString(closed))
                        .endTcpSocket()
                        .withPeriodSeconds(1)
                        .withFailureThreshold(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("speaker-like", "Ready")));
        assertThat(status("speaker-like").getRestartCount()).isZero();
        assertThat(events("speaker-like")).noneMatch(e -> e.contains("Unhealthy"));
    }

    @Test
    void networkProbesOfASimulatedPodNetworkPassWithoutAConnection() {
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(TestCluster.pod("fake", "n1")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewHttpGet()
                        .withPath("/ready")
                        .withPort(new IntOrString(8080))
                        .endHttpGet()
                        .withPeriodSeconds(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("fake", "Ready")));
        assertThat(cluster.pod("fake").orElseThrow().getStatus().getPodIP()).startsWith("10.");
    }

    @Test
    void theAgentRecordsTheKubeletsLifecycleEvents() {
        start(TestCluster.agentConfig("n1"));
        Pod created = cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        await().atMost(WAIT)
                .until(() -> events("web")
                        .containsAll(List.of(
                                "Normal Pulled Container image \"busybox:1.36\" already present on machine",
                                "Normal Created Created container: main",
                                "Normal Started Started container main")));

        cluster.client.delete(Pod.class, "default", "web");
        await().atMost(WAIT).until(() -> cluster.pod("web").isEmpty());
        assertThat(events("web")).contains("Normal Killing Stopping container main");

        cluster.client.create(TestCluster.pod("crash", "n1")
                .editMetadata()
                .addToAnnotations(SimulatedRuntime.FAIL_ANNOTATION, "true")
                .endMetadata()
                .build());
        await().atMost(WAIT).until(() -> {
            Pod p = cluster.pod("crash").orElse(null);
            return p != null
                    && events("crash")
                            .contains("Warning BackOff Back-off restarting failed container main in pod crash_default("
                                    + p.getMetadata().getUid() + ")");
        });
        assertThat(created.getMetadata().getUid()).isNotNull();
    }

    @Test
    void lifecycleEventsCanBeTurnedOffButProbeEventsStay() {
        answers.put("/ready", n -> 500);
        start(TestCluster.agentConfig("n1").withLifecycleEvents(false));
        cluster.client.create(probedPod("quiet")
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(http("/ready", 1))
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> events("quiet").stream()
                        .anyMatch(e -> e.startsWith("Warning Unhealthy Readiness probe failed")));
        assertThat(status("quiet").getState().getRunning()).isNotNull();
        assertThat(events("quiet"))
                .noneMatch(e -> e.contains(" Pulled ") || e.contains(" Created ") || e.contains(" Started "));
    }

    @Test
    void anHttpProbeSendsItsHeadersToANamedPort() {
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(probedPod("named")
                .editSpec()
                .editFirstContainer()
                .addNewPort()
                .withName("probe")
                .withContainerPort(port())
                .endPort()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewHttpGet()
                        .withHost("127.0.0.1")
                        .withPath("/headers")
                        .withPort(new IntOrString("probe"))
                        .addNewHttpHeader()
                        .withName("X-Probe")
                        .withValue("yes")
                        .endHttpHeader()
                        .endHttpGet()
                        .withPeriodSeconds(1)
                        .build())
                .endContainer()
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> "True".equals(condition("named", "Ready")));
    }
}
