package io.everynode.e2e.agent;

import static io.everynode.e2e.agent.ProcessCluster.WAIT;
import static io.everynode.e2e.agent.ProcessCluster.restarts;
import static io.everynode.e2e.agent.ProcessCluster.runsDemoAgent;
import static io.everynode.e2e.agent.ProcessCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 4's acceptance on real processes: {@code everynode up --runtime process --nodes 3} in this
 * JVM, DaemonSets of the demo agent applied with the real kubectl, and the node agents' work
 * checked on the machine (pids, log files) and through the API (status, events, logs).
 *
 * <p>One cluster for the class. Each test has a DaemonSet of its own, listening on a port of its
 * own (pods of one node share the node's network) and mostly pinned to one node, so tests do not
 * see each other's pods; each deletes its DaemonSet afterwards. The agent-restart test runs last
 * because it replaces node-2's agent.
 *
 * <p>The crash-loop test waits out two back-offs (10 s, then 20 s) on node-1: it runs beside the
 * others ({@code @Execution(CONCURRENT)} in an otherwise same-thread class, which JUnit forks while
 * the rest run in order on the class's thread). Nothing else uses its DaemonSet or port, and the
 * agent-restart test touches node-2 only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessNodesAcceptanceIT {
    static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    static ProcessCluster cluster;
    private final List<String> daemonSets = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase().startsWith("linux"),
                "the process runtime needs Linux (sh, setsid, /proc)");
        cluster = ProcessCluster.up(3, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @AfterEach
    void deleteDaemonSets() {
        for (String ds : daemonSets) cluster.deleteDaemonSet(ds);
    }

    private String apply(DemoDaemonSet ds, String name) {
        daemonSets.add(name);
        return cluster.apply(ds.yaml());
    }

    private static String networksReason() {
        return "the nodes share the host network (no network namespaces: not root, or no `ip netns`), so three pods of one DaemonSet"
                + " cannot listen on the same port";
    }

    @Test
    @Order(1)
    void aDaemonSetOfTheDemoAgentRunsOneProcessPerNode() {
        // PORT 0: each agent binds a free port, so this holds with or without network namespaces.
        assertThat(apply(DemoDaemonSet.withoutProbes("everywhere", 0), "everywhere"))
                .isEqualTo("daemonset.apps/everywhere created\n");

        List<Pod> pods = cluster.awaitReadyOn("everywhere", NODES);
        List<Long> pids = pods.stream().map(cluster::demoPid).toList();
        assertThat(pids)
                .doesNotHaveDuplicates()
                .allSatisfy(pid -> assertThat(runsDemoAgent(pid)).isTrue());
        assertThat(cluster.kubectl("get", "pods", "-l", "app=everywhere", "-o", "wide", "--no-headers"))
                .contains("node-1", "node-2", "node-3")
                .contains("Running");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                cluster.kubectl("get", "ds", "everywhere", "-o", "jsonpath={.status.numberReady}"))
                        .isEqualTo("3"));
    }

    @Test
    @Order(2)
    void podsOnDifferentNodesListenOnTheSamePort8080() {
        assumeTrue(cluster.nodesHaveOwnNetworks(), networksReason());
        apply(DemoDaemonSet.named("same-port", 8080), "same-port");

        List<Pod> pods = cluster.awaitReadyOn("same-port", NODES);
        assertThat(pods)
                .extracting(p -> p.getStatus().getPodIP())
                .doesNotHaveDuplicates()
                .doesNotContain("127.0.0.1");
        for (Pod p : pods) {
            assertThat(cluster.get(p, 8080, "/healthz"))
                    .as("GET /healthz at " + p.getStatus().getPodIP())
                    .isEqualTo(200);
            assertThat(p.getStatus().getPodIP()).isEqualTo(p.getStatus().getHostIP());
            assertThat(cluster.kubectl("logs", p.getMetadata().getName()))
                    .contains("demo-agent: listening on 0.0.0.0:8080");
        }
    }

    @Test
    @Order(3)
    void aKilledProcessIsRestartedWithRestartCountOne() {
        apply(DemoDaemonSet.named("killed", 18082).onNode("node-1"), "killed");
        Pod pod = cluster.awaitReady("killed", "node-1");
        long pid = cluster.demoPid(pod);

        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL

        Pod after = await().atMost(WAIT)
                .until(
                        () -> cluster.pod(pod.getMetadata().getName()).orElseThrow(),
                        p -> restarts(p) == 1 && ProcessCluster.ready(p));
        ContainerStatus cs = status(after);
        assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(cs.getLastState().getTerminated().getReason()).isEqualTo("Error");
        long newPid = cluster.demoPid(after);
        assertThat(newPid).isNotEqualTo(pid);
        assertThat(cluster.kubectl(
                        "get",
                        "pod",
                        pod.getMetadata().getName(),
                        "-o",
                        "jsonpath={.status.containerStatuses[0].restartCount}"))
                .isEqualTo("1");
    }

    @Test
    @Order(4)
    void aFailingLivenessProbeRestartsTheContainerWithUnhealthyAndKillingEvents() {
        apply(
                DemoDaemonSet.named("liveness", 18083)
                        .onNode("node-2")
                        .probe(DemoDaemonSet.STARTUP_PROBE)
                        .probe(DemoDaemonSet.LIVENESS_PROBE),
                "liveness");
        Pod pod = cluster.awaitReady("liveness", "node-2");
        String name = pod.getMetadata().getName();
        assertThat(restarts(pod)).isZero();

        assertThat(cluster.control(pod, 18083, "/control/fail-health")).isEqualTo(200);

        await().atMost(WAIT).until(() -> restarts(cluster.pod(name).orElseThrow()) == 1);
        assertThat(cluster.kubectl(
                                "get",
                                "events",
                                "--field-selector",
                                "involvedObject.name=" + name,
                                "-o",
                                "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}")
                        .lines())
                .contains("Unhealthy", "Killing");
        String describe = cluster.kubectl("describe", "pod", name);
        assertThat(describe)
                .contains("Liveness probe failed: HTTP probe failed with statuscode: 500")
                .contains("Container demo failed liveness probe, will be restarted");
        // The new instance is healthy again (a fresh process) and stays in service.
        await().atMost(WAIT).until(() -> ProcessCluster.ready(cluster.pod(name).orElseThrow()));
    }

    @Test
    @Order(5)
    void readinessDrivesThePodsReadyConditionAndTheDaemonSetsNumberReady() {
        assumeTrue(cluster.nodesHaveOwnNetworks(), networksReason());
        apply(DemoDaemonSet.named("readiness", 18084), "readiness");
        List<Pod> pods = cluster.awaitReadyOn("readiness", NODES);
        Pod onNode2 = pods.get(1);
        String name = onNode2.getMetadata().getName();
        await().atMost(WAIT)
                .until(() -> cluster.kubectl("get", "ds", "readiness", "-o", "jsonpath={.status.numberReady}")
                        .equals("3"));

        assertThat(cluster.control(onNode2, 18084, "/control/unready")).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readyCondition(name)).isEqualTo("False");
            assertThat(cluster.kubectl("get", "ds", "readiness", "-o", "jsonpath={.status.numberReady}"))
                    .isEqualTo("2");
        });
        assertThat(cluster.kubectl("get", "pod", name, "--no-headers"))
                .contains("0/1")
                .contains("Running");

        assertThat(cluster.control(onNode2, 18084, "/control/ready")).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readyCondition(name)).isEqualTo("True");
            assertThat(cluster.kubectl("get", "ds", "readiness", "-o", "jsonpath={.status.numberReady}"))
                    .isEqualTo("3");
        });
        assertThat(restarts(cluster.pod(name).orElseThrow()))
                .as("readiness never restarts")
                .isZero();
    }

    private String readyCondition(String pod) {
        return cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
    }

    @Test
    @Order(6)
    void aContainerOverItsMemoryLimitIsOomKilled() {
        String[] limits = cluster.nodeCondition("node-3", "ResourceLimitsEnforced");
        assumeTrue("True".equals(limits[0]), "node-3 does not enforce memory limits: " + limits[1]);
        apply(DemoDaemonSet.named("oom", 18085).onNode("node-3").memoryLimit("160Mi"), "oom");
        Pod pod = cluster.awaitReady("oom", "node-3");

        assertThat(cluster.control(pod, 18085, "/control/hold-memory?mib=400")).isEqualTo(200);

        Pod after = await().atMost(WAIT)
                .until(
                        () -> cluster.pod(pod.getMetadata().getName()).orElseThrow(),
                        p -> restarts(p) >= 1
                                && status(p).getLastState() != null
                                && status(p).getLastState().getTerminated() != null);
        assertThat(status(after).getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status(after).getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(cluster.kubectl("describe", "pod", pod.getMetadata().getName()))
                .contains("OOMKilled");
    }

    @Test
    @Order(7)
    @Execution(ExecutionMode.CONCURRENT)
    void crashLoopDelaysGrow() {
        // The agent crashes a second after it starts; restarts: the first at once, then after 10 s, then 20 s.
        apply(
                DemoDaemonSet.withoutProbes("crashloop", 18086).onNode("node-1").env("CRASH_AFTER_SECONDS", "1"),
                "crashloop");
        Map<Integer, Duration> gapBeforeRestart = Collections.synchronizedMap(new TreeMap<>());
        AtomicBoolean sawBackOff = new AtomicBoolean();

        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (Pod p : cluster.pods("crashloop")) {
                        ContainerStatus cs = status(p);
                        if (cs == null) continue;
                        if (cs.getState().getWaiting() != null
                                && "CrashLoopBackOff"
                                        .equals(cs.getState().getWaiting().getReason())) sawBackOff.set(true);
                        if (cs.getState().getRunning() != null
                                && cs.getLastState() != null
                                && cs.getLastState().getTerminated() != null) {
                            Instant exited = Instant.parse(
                                    cs.getLastState().getTerminated().getFinishedAt());
                            Instant started =
                                    Instant.parse(cs.getState().getRunning().getStartedAt());
                            gapBeforeRestart.putIfAbsent(cs.getRestartCount(), Duration.between(exited, started));
                        }
                    }
                    return gapBeforeRestart.keySet().containsAll(List.of(1, 2, 3));
                });

        assertThat(sawBackOff).as("the container waited in CrashLoopBackOff").isTrue();
        assertThat(gapBeforeRestart.get(2)).as("gaps " + gapBeforeRestart).isGreaterThan(gapBeforeRestart.get(1));
        assertThat(gapBeforeRestart.get(3)).as("gaps " + gapBeforeRestart).isGreaterThan(gapBeforeRestart.get(2));
        assertThat(cluster.kubectl(
                        "get", "events", "--field-selector", "reason=BackOff", "-o", "jsonpath={.items[*].message}"))
                .contains("Back-off restarting failed container demo");
    }

    @Test
    @Order(8)
    void deletionSendsSigtermAndAnAgentThatExitsOnItGoesPromptly() {
        // A grace period far longer than the test waits: the pod goes because the process exits on SIGTERM, not by
        // SIGKILL.
        apply(DemoDaemonSet.named("polite", 18090).onNode("node-3").terminationGracePeriodSeconds(300), "polite");
        Pod pod = cluster.awaitReady("polite", "node-3");
        long pid = cluster.demoPid(pod);
        Kubectl.Background follow =
                cluster.kubectl.background("logs", "-f", pod.getMetadata().getName());
        await().atMost(WAIT).until(() -> follow.outputSoFar().contains("alive tick="));

        cluster.kubectl("delete", "pod", pod.getMetadata().getName(), "--wait=false");

        await().atMost(WAIT)
                .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        await().atMost(WAIT)
                .until(() -> cluster.pod(pod.getMetadata().getName())
                        .filter(p -> p.getMetadata()
                                .getUid()
                                .equals(pod.getMetadata().getUid()))
                        .isEmpty());
        assertThat(follow.await().out()).contains("demo-agent: SIGTERM received, shutting down");
    }

    @Test
    @Order(9)
    void deletionSendsSigkillAfterTheGracePeriodToAnAgentThatIgnoresSigterm() {
        apply(
                DemoDaemonSet.named("stubborn", 18089)
                        .onNode("node-2")
                        .env("IGNORE_SIGTERM", "true")
                        .terminationGracePeriodSeconds(2),
                "stubborn");
        Pod pod = cluster.awaitReady("stubborn", "node-2");
        long pid = cluster.demoPid(pod);
        Kubectl.Background follow =
                cluster.kubectl.background("logs", "-f", pod.getMetadata().getName());
        await().atMost(WAIT).until(() -> follow.outputSoFar().contains("alive tick="));
        Instant before = Instant.now();

        cluster.kubectl("delete", "pod", pod.getMetadata().getName(), "--wait=false");

        // SIGTERM came and was ignored; the process lived on until SIGKILL at the end of the grace period. (A lower
        // bound only: a busy machine makes it later, never earlier.)
        await().atMost(WAIT).until(() -> follow.outputSoFar().contains("demo-agent: SIGTERM received, ignoring it"));
        await().atMost(WAIT)
                .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(Duration.between(before, Instant.now()))
                .as("the process outlived the 2 s grace period")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(WAIT)
                .until(() -> cluster.pod(pod.getMetadata().getName())
                        .filter(p -> p.getMetadata()
                                .getUid()
                                .equals(pod.getMetadata().getUid()))
                        .isEmpty());
        assertThat(follow.await().out()).doesNotContain("shutting down");
    }

    @Test
    @Order(10)
    void kubectlLogsShowsTailsFollowsAndShowsThePreviousInstance() throws Exception {
        apply(DemoDaemonSet.named("logs", 18087).onNode("node-3"), "logs");
        Pod pod = cluster.awaitReady("logs", "node-3");
        String name = pod.getMetadata().getName();
        await().atMost(WAIT).until(() -> cluster.kubectl("logs", name).contains("alive tick=3 "));

        assertThat(cluster.kubectl("logs", name))
                .contains("demo-agent: listening on 0.0.0.0:18087", "demo-agent: alive tick=1 ");
        assertThat(cluster.kubectl("logs", name, "--tail=1").lines().toList())
                .singleElement()
                .asString()
                .contains("demo-agent: alive tick=");
        assertThat(cluster.kubectl("logs", name, "--tail=2").lines()).hasSize(2);
        assertThat(cluster.kubectl.run("logs", name, "--previous").err())
                .contains("previous terminated container \"demo\" in pod \"" + name + "\" not found");

        // -f: two lines written after kubectl started reading.
        Process f = cluster.kubectl.start("logs", "-f", name, "--tail=1");
        List<String> followed = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(f.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) followed.add(l);
            } catch (java.io.IOException ignored) {
                // kubectl destroyed
            }
        });
        reader.start();
        try {
            await().atMost(WAIT).until(() -> followed.size() >= 3);
            assertThat(new HashSet<>(followed))
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(l -> assertThat(l).contains("demo-agent: alive tick="));
        } finally {
            f.destroyForcibly();
        }

        assertThat(cluster.control(pod, 18087, "/control/crash?code=3")).isEqualTo(200);
        Pod after = await().atMost(WAIT).until(() -> cluster.pod(name).orElseThrow(), p -> restarts(p) == 1);
        assertThat(status(after).getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(cluster.kubectl("logs", name, "--previous")).contains("demo-agent: crashing with exit code 3");
        await().atMost(WAIT).until(() -> cluster.kubectl("logs", name).contains("demo-agent: listening on"));
        assertThat(cluster.kubectl("logs", name)).doesNotContain("crashing with exit code 3");

        // All of it came from the node's InternalIP (the pod's IP) and advertised port: with its own
        // network the relay's 10250 (docs/logs.md). An annotation naming another endpoint changes nothing.
        Node node3 = cluster.client.get(Node.class, null, "node-3");
        assertThat(node3.getStatus().getAddresses())
                .anyMatch(a -> "InternalIP".equals(a.getType())
                        && a.getAddress().equals(after.getStatus().getPodIP()));
        if (cluster.nodesHaveOwnNetworks())
            assertThat(node3.getStatus()
                            .getDaemonEndpoints()
                            .getKubeletEndpoint()
                            .getPort())
                    .isEqualTo(10250);
        cluster.kubectl("annotate", "node", "node-3", "everynode.io/agent-endpoint=127.0.0.1:1/secret.txt?");
        assertThat(cluster.kubectl("logs", name)).contains("demo-agent: listening on");
    }

    @Test
    @Order(11)
    void aNewAgentAdoptsTheRunningProcessWithoutRestartOrDuplicate() {
        apply(DemoDaemonSet.named("adopted", 18088).onNode("node-2"), "adopted");
        Pod pod = cluster.awaitReady("adopted", "node-2");
        long pid = cluster.demoPid(pod);

        cluster.running.restartAgent("node-2");

        // The new agent serves the pod's log (through its own log endpoint) and reports it Ready.
        await().atMost(WAIT)
                .until(() -> cluster.kubectl
                        .run("logs", pod.getMetadata().getName(), "--tail=1")
                        .out()
                        .contains("alive tick="));
        Pod after = cluster.awaitReady("adopted", "node-2");
        assertThat(after.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(cluster.pods("adopted")).hasSize(1);
        assertThat(restarts(after)).isZero();
        assertThat(cluster.latestInstance(after))
                .as("no second instance was started")
                .isEqualTo(1);
        assertThat(cluster.demoPid(after)).isEqualTo(pid);
        assertThat(status(after).getContainerID()).isEqualTo(status(pod).getContainerID());

        // The new agent watches the adopted process: killing it is a restart, counted from where the old agent left
        // off.
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
        await().atMost(WAIT)
                .until(() -> restarts(cluster.pod(pod.getMetadata().getName()).orElseThrow()) == 1);
        assertThat(cluster.pods("adopted")).hasSize(1);
    }
}
