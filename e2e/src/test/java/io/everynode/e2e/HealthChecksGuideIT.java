package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Health checks", on process nodes: the guide's probes ({@code /healthz} and {@code /ready}
 * on 8080) on the demo agent, a real process whose misbehaviour the test triggers through its
 * control endpoints (docs/images.md).
 *
 * <p>The guide's fragment names a container {@code agent} and no image; it is completed with the
 * metrics agent of the guide's resource table, {@code prom/node-exporter:v1.8.2}. That image is not
 * pulled: the test registers a copy of {@code everynode/demo-agent:1} under that name with
 * {@code everynode image add}.
 *
 * <p>Three DaemonSets, each pinned to a node of its own (every node has its own network namespace,
 * so each agent listens on 8080):
 * <ul>
 * <li>{@code guide-probes} on node-1: the probes exactly as written (readiness after 5 s every 10 s,
 *     liveness after 15 s every 30 s);</li>
 * <li>{@code fast-liveness} on node-2: the same, except the liveness probe's periodSeconds is 2
 *     instead of 30. With the guide's 30 s and the default failureThreshold of 3, a hung agent is
 *     killed 60 to 90 s after it hangs; the shorter period shows the same behaviour in seconds;</li>
 * <li>{@code no-probes} on node-3: the agent without probes, the guide's warning.</li>
 * </ul>
 *
 * <p>The tests wait on probe periods and restart back-offs, so they run side by side, each on its
 * node's DaemonSet; the two on node-1 hold its lock and run one after the other.
 */
@RequiresGuide
@Execution(ExecutionMode.CONCURRENT)
class HealthChecksGuideIT {
    static final String NS = "monitoring";
    /** The guide's metrics agent (resource table), stood in for by the demo agent. */
    static final String IMAGE = "prom/node-exporter:v1.8.2";

    static final int PORT = 8080;
    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String probes = GuideSnippets.load().onlyYaml("Health checks");
        cluster = GuideCluster.upProcess(3, dir);
        LocalImages.demoAgentAs(cluster.images(), IMAGE);
        cluster.namespace(NS);
        cluster.apply(withImage(Manifests.onNode(
                Manifests.withContainerFragment(Manifests.daemonSet(NS, "guide-probes"), probes), "node-1")));
        ObjectNode fast = Manifests.onNode(
                Manifests.withContainerFragment(Manifests.daemonSet(NS, "fast-liveness"), probes), "node-2");
        ((ObjectNode) fast.at("/spec/template/spec/containers/0/livenessProbe")).put("periodSeconds", 2);
        cluster.apply(withImage(fast));
        cluster.apply(withImage(Manifests.onNode(Manifests.daemonSet(NS, "no-probes"), "node-3")));
    }

    private static ObjectNode withImage(ObjectNode ds) {
        return Manifests.image(ds, IMAGE);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @ResourceLock("node-1")
    void theGuidesReadinessProbeMakesTheAgentReadyAndTakesItOutOfServiceWhileReadyFails() {
        Pod pod = awaitReady("guide-probes", "node-1");
        var readiness = pod.getSpec().getContainers().get(0).getReadinessProbe();
        assertThat(readiness.getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(readiness.getInitialDelaySeconds()).isEqualTo(5);
        assertThat(readiness.getPeriodSeconds()).isEqualTo(10);
        assertThat(pod.getSpec().getContainers().get(0).getLivenessProbe().getPeriodSeconds())
                .isEqualTo(30);

        assertThat(AgentHttp.post(pod.getStatus().getPodIP(), PORT, "/control/unready"))
                .isEqualTo(200);
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(GuideCluster.ready(cluster.podOn(NS, "guide-probes", "node-1")))
                        .isFalse());
        String name = pod.getMetadata().getName();
        assertThat(cluster.kubectl("get", "pod", "-n", NS, name, "--no-headers"))
                .contains(" 0/1 ", "Running");
        assertThat(cluster.kubectl("describe", "pod", "-n", NS, name))
                .contains("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");

        // Not ready is not unhealthy: the agent is taken out of service, never restarted.
        assertThat(AgentHttp.post(pod.getStatus().getPodIP(), PORT, "/control/ready"))
                .isEqualTo(200);
        Pod again = awaitReady("guide-probes", "node-1");
        assertThat(again.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(status(again).getRestartCount()).isEqualTo(status(pod).getRestartCount());
    }

    @Test
    @ResourceLock("node-1")
    void aCrashedAgentIsRestartedAndBecomesReadyAgain() {
        Pod pod = awaitReady("guide-probes", "node-1");
        int restarts = status(pod).getRestartCount();

        AgentHttp.post(pod.getStatus().getPodIP(), PORT, "/control/crash?code=3");

        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            Pod p = cluster.podOn(NS, "guide-probes", "node-1");
            assertThat(status(p).getRestartCount()).isEqualTo(restarts + 1);
            assertThat(status(p).getLastState().getTerminated().getExitCode()).isEqualTo(3);
            assertThat(GuideCluster.ready(p)).isTrue();
        });
        assertThat(cluster.podOn(NS, "guide-probes", "node-1").getMetadata().getUid())
                .isEqualTo(pod.getMetadata().getUid());
    }

    @Test
    void aHungAgentFailsItsLivenessProbeIsKilledAndRestarted() {
        Pod pod = awaitReady("fast-liveness", "node-2");
        String ip = pod.getStatus().getPodIP();
        int restarts = status(pod).getRestartCount();

        assertThat(AgentHttp.post(ip, PORT, "/control/hang")).isEqualTo(200);
        assertThat(AgentHttp.get(ip, PORT, "/healthz", Duration.ofSeconds(2)))
                .as("a hung agent answers nothing")
                .isEqualTo(-1);

        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            Pod p = cluster.podOn(NS, "fast-liveness", "node-2");
            assertThat(status(p).getRestartCount()).isEqualTo(restarts + 1);
            assertThat(GuideCluster.ready(p)).isTrue();
        });
        assertThat(AgentHttp.get(ip, PORT, "/healthz", Duration.ofSeconds(5)))
                .as("the restarted agent answers")
                .isEqualTo(200);
        assertThat(cluster.kubectl(
                        "describe", "pod", "-n", NS, pod.getMetadata().getName()))
                .contains(
                        "Unhealthy",
                        "Liveness probe failed:",
                        "Killing",
                        "Container agent failed liveness probe, will be restarted");
    }

    @Test
    void withoutProbesAHungAgentStaysRunningAndReadyAndIsNeverRestarted() {
        Pod pod = awaitReady("no-probes", "node-3");
        String ip = pod.getStatus().getPodIP();
        // Without a readiness probe the pod is Ready once its process runs, maybe before it listens.
        await().atMost(GuideCluster.WAIT)
                .until(() -> AgentHttp.get(ip, PORT, "/healthz", Duration.ofSeconds(2)) == 200);
        assertThat(AgentHttp.post(ip, PORT, "/control/hang")).isEqualTo(200);

        // The guide's warning: for 20 s the agent answers nothing, and Kubernetes still counts it
        // as running, ready and never restarted.
        await().during(Duration.ofSeconds(20)).atMost(GuideCluster.WAIT).untilAsserted(() -> {
            Pod p = cluster.podOn(NS, "no-probes", "node-3");
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(GuideCluster.ready(p)).isTrue();
            assertThat(status(p).getRestartCount()).isZero();
            assertThat(status(p).getState().getRunning()).isNotNull();
        });
        assertThat(AgentHttp.get(ip, PORT, "/healthz", Duration.ofSeconds(2)))
                .as("still hung")
                .isEqualTo(-1);
        assertThat(cluster.kubectl("get", "pod", "-n", NS, pod.getMetadata().getName(), "--no-headers"))
                .contains(" 1/1 ", " Running ", " 0 ");
    }

    private static Pod awaitReady(String app, String node) {
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(GuideCluster.ready(cluster.podOn(NS, app, node)))
                        .isTrue());
        return cluster.podOn(NS, app, node);
    }

    /** The pod's one container status; an assertion failure (which Awaitility retries) until the node reported it. */
    private static ContainerStatus status(Pod p) {
        assertThat(p.getStatus().getContainerStatuses())
                .as("container statuses of " + p.getMetadata().getName())
                .hasSize(1);
        return p.getStatus().getContainerStatuses().get(0);
    }
}
