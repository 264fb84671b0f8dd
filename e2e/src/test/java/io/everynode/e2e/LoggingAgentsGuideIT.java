package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCommand;
import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide, "Logging agents": the fluent-bit DaemonSet as written (its image {@code fluent/fluent-bit:3.1}
 * comes from a public registry; simulated nodes run no image, so nothing is pulled). One pod per
 * node; a node that joins gets one; a node removed loses it. The tests run in order on one
 * cluster because each changes its nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresGuide
class LoggingAgentsGuideIT {
    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String fluentBit = GuideSnippets.load().onlyYaml("Logging agents");
        // The pod garbage collector's quarantine (R10.5) shortened from upstream's 40 s: the last test waits on it.
        cluster = GuideCluster.up(new UpCommand().nodes(3).podGcQuarantine(Duration.ofSeconds(4)), dir);
        cluster.namespace("logging");
        assertThat(cluster.apply(fluentBit)).isEqualTo("daemonset.apps/fluent-bit created\n");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void fluentBitRunsOneReadyPodOnEveryNodeWithItsRequestsAndLimitsAndIsBurstable() {
        cluster.awaitOneReadyPodOn("logging", "fluent-bit", List.of("node-1", "node-2", "node-3"));

        for (Pod p : cluster.pods("logging", "app=fluent-bit")) {
            var resources = p.getSpec().getContainers().get(0).getResources();
            assertThat(resources.getRequests())
                    .isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")));
            assertThat(resources.getLimits())
                    .isEqualTo(Map.of("cpu", new Quantity("200m"), "memory", new Quantity("256Mi")));
            assertThat(p.getStatus().getQosClass()).isEqualTo("Burstable");
            // The hostPath volumes are in every pod's spec; that they are mounted needs real processes (part 2).
            // (besides the kube-api-access-* token volume every pod gets)
            assertThat(p.getSpec().getVolumes())
                    .filteredOn(v -> v.getHostPath() != null)
                    .extracting(v -> v.getHostPath().getPath())
                    .containsExactly("/var/log", "/var/lib/docker/containers");
        }
        assertThat(cluster.kubectl(
                        "get",
                        "pods",
                        "-n",
                        "logging",
                        "-l",
                        "app=fluent-bit",
                        "-o",
                        "jsonpath={range .items[*]}{.status.qosClass}{\"\\n\"}{end}"))
                .isEqualTo("Burstable\nBurstable\nBurstable\n");
    }

    @Test
    @Order(2)
    void aNodeThatJoinsLaterGetsItsFluentBitPod() {
        cluster.running.addNode("node-4");

        cluster.awaitOneReadyPodOn("logging", "fluent-bit", List.of("node-1", "node-2", "node-3", "node-4"));
        // The DaemonSet's status follows its pods a moment later.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get", "ds", "-n", "logging", "fluent-bit", "-o", "jsonpath={.status.numberReady}"))
                        .isEqualTo("4"));
    }

    @Test
    @Order(3)
    void aNodeDeletedWithKubectlLosesItsFluentBitPod() {
        cluster.running.stopNode("node-2");
        assertThat(cluster.kubectl("delete", "node", "node-2")).isEqualTo("node \"node-2\" deleted\n");

        // The pod garbage collector removes pods bound to a node that is gone (after its quarantine, 4 s here).
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() ->
                        assertThat(cluster.podsByNode("logging", "fluent-bit")).doesNotContainKey("node-2"));
        cluster.awaitOneReadyPodOn("logging", "fluent-bit", List.of("node-1", "node-3", "node-4"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "ds",
                                "-n",
                                "logging",
                                "fluent-bit",
                                "-o",
                                "jsonpath={.status.desiredNumberScheduled}"))
                        .isEqualTo("3"));
    }
}
