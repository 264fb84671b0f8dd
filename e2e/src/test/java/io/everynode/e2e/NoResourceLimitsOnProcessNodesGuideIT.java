package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Common mistakes › No resource limits", with real processes on one process node: a
 * logging agent with a memory leak (the demo agent holding 300 MiB from the start,
 * {@code HOLD_MEMORY_MIB}) runs twice, without limits and with the guide's limits (memory 256Mi),
 * beside an application pod.
 *
 * <p>Without limits nothing stops the leak: the agent holds its 300 MiB, more than the guide
 * allows it, and keeps growing as far as the machine lets it (this test does not exhaust the
 * shared machine to show the application being OOM-killed). With the guide's limits the kernel
 * OOM-kills the agent inside its own cgroup, the node restarts it, and the application pod is
 * untouched. The agent image {@code fluent/fluent-bit:3.1} is a copy of the demo agent registered
 * under that name with {@code everynode image add}. Skipped where cgroups are not writable.
 */
@RequiresGuide
class NoResourceLimitsOnProcessNodesGuideIT {
    static final String NS = "logging";
    static final String IMAGE = "fluent/fluent-bit:3.1";
    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String guideResources = GuideSnippets.load().onlyYaml("Resource requests and limits");
        cluster = GuideCluster.upProcess(1, dir);
        String why = cluster.limitsNotEnforcedReason("node-1");
        assumeTrue(why == null, why);
        LocalImages.demoAgentAs(cluster.images(), IMAGE);
        cluster.namespace(NS);
        // Pods share their node's network: each demo agent gets a port of its own.
        cluster.apply(leaky("leaky-unlimited", 8081));
        cluster.apply(Manifests.withResources(leaky("leaky-limited", 8082), guideResources));
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                  namespace: default
                  labels:
                    app: app
                spec:
                  containers:
                    - name: app
                      image: everynode/demo-agent:1
                      env:
                        - name: PORT
                          value: "8083"
                """);
    }

    private static ObjectNode leaky(String name, int port) {
        ObjectNode ds = Manifests.image(Manifests.daemonSet(NS, name), IMAGE);
        Manifests.env(ds, "PORT", Integer.toString(port));
        return Manifests.env(ds, "HOLD_MEMORY_MIB", "300");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void
            aLeakingAgentWithTheGuidesLimitsIsOomKilledAndRestartedWhileWithoutLimitsItKeepsItsMemoryAndTheAppIsUntouched() {
        // With the guide's limits: OOM-killed by the kernel in its own cgroup, and restarted.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            ContainerStatus s = status(cluster.podOn(NS, "leaky-limited", "node-1"));
            assertThat(s.getRestartCount()).isPositive();
            assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
            assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        });
        Pod limited = cluster.podOn(NS, "leaky-limited", "node-1");
        assertThat(cluster.kubectl(
                        "describe", "pod", "-n", NS, limited.getMetadata().getName()))
                .contains("OOMKilled");

        // Without limits: nothing stops it at the guide's 256Mi.
        Pod unlimited = cluster.podOn(NS, "leaky-unlimited", "node-1");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "logs", "-n", NS, unlimited.getMetadata().getName()))
                        .contains("holding 300 MiB"));
        assertThat(status(cluster.podOn(NS, "leaky-unlimited", "node-1")).getRestartCount())
                .isZero();
        assertThat(AgentHttp.get(unlimited.getStatus().getPodIP(), 8081, "/healthz", Duration.ofSeconds(5)))
                .isEqualTo(200);

        // The application beside them never noticed.
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(GuideCluster.ready(cluster.podOn("default", "app", "node-1")))
                        .isTrue());
        Pod app = cluster.podOn("default", "app", "node-1");
        assertThat(status(app).getRestartCount()).isZero();
        assertThat(status(app).getLastState() == null
                        || status(app).getLastState().getTerminated() == null)
                .isTrue();
        assertThat(AgentHttp.get(app.getStatus().getPodIP(), 8083, "/healthz", Duration.ofSeconds(5)))
                .isEqualTo(200);
    }

    /** The pod's one container status; an assertion failure (which Awaitility retries) until the node reported it. */
    private static ContainerStatus status(Pod p) {
        assertThat(p.getStatus().getContainerStatuses())
                .as("container statuses of " + p.getMetadata().getName())
                .hasSize(1);
        return p.getStatus().getContainerStatuses().get(0);
    }
}
