package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide, "Tolerations": each of the three toleration snippets merged into a complete DaemonSet
 * (a namespace each), against nodes tainted as the guide describes: a control plane, a GPU pool
 * and a high-memory pool ({@code dedicated=gpu|high-memory:NoSchedule}), a node under
 * maintenance with a NoExecute taint nothing but {@code operator: Exists} tolerates, and a plain
 * node.
 */
@RequiresGuide
class TolerationsGuideIT {
    static GuideCluster cluster;
    static GuideSnippets guide;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(5, dir);
        cluster.controlPlane("node-1");
        cluster.kubectl("taint", "node", "node-2", "dedicated=gpu:NoSchedule");
        cluster.kubectl("taint", "node", "node-3", "dedicated=high-memory:NoSchedule");
        cluster.kubectl("taint", "node", "node-5", "example.com/maintenance=true:NoExecute");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void withoutTolerationsTheAgentRunsOnlyOnTheUntaintedNode() {
        cluster.namespace("none");
        cluster.apply(Manifests.daemonSet("none", "agent"));
        cluster.awaitOneReadyPodOn("none", "agent", List.of("node-4"));
    }

    @Test
    void theControlPlaneTolerationAddsTheControlPlaneNodeAndNoOther() {
        cluster.namespace("control-plane");
        cluster.apply(Manifests.with(
                Manifests.daemonSet("control-plane", "agent"), guide.onlyYaml("Tolerate control plane nodes")));
        cluster.awaitOneReadyPodOn("control-plane", "agent", List.of("node-1", "node-4"));
    }

    @Test
    void anEmptyOperatorExistsTolerationRunsTheAgentOnEveryNodeWhateverItsTaints() {
        cluster.namespace("everywhere");
        cluster.apply(
                Manifests.with(Manifests.daemonSet("everywhere", "agent"), guide.onlyYaml("Tolerate all taints")));
        cluster.awaitOneReadyPodOn("everywhere", "agent", List.of("node-1", "node-2", "node-3", "node-4", "node-5"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "ds",
                                "-n",
                                "everywhere",
                                "agent",
                                "-o",
                                "jsonpath={.status.desiredNumberScheduled}"))
                        .isEqualTo("5"));
    }

    @Test
    void theDedicatedGpuAndHighMemoryTolerationsAddThoseTwoPoolsOnly() {
        cluster.namespace("pools");
        cluster.apply(Manifests.with(
                Manifests.daemonSet("pools", "agent"), guide.onlyYaml("Tolerate specific workload taints")));
        cluster.awaitOneReadyPodOn("pools", "agent", List.of("node-2", "node-3", "node-4"));
    }
}
