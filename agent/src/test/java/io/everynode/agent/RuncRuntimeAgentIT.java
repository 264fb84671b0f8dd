package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.BusyboxImage;
import io.everynode.agent.container.LoopbackNetwork;
import io.everynode.agent.container.RuncRuntime;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node agent driving the runc runtime against a real API server: a liveness exec probe that
 * fails restarts the container, and {@code kubectl logs} (current and previous) reads its
 * output through the API server and the agent's endpoint. Needs root, runc, busybox-static, ip.
 */
class RuncRuntimeAgentIT {
    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private RuncRuntime runtime;
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        if (runtime != null) {
            cluster.pod("web").ifPresent(p -> runtime.removePod(p.getMetadata().getUid()));
            runtime.close();
        }
        cluster.close();
    }

    /** Skips where runc cannot run; else starts node r1's agent on runc, its pod links named from {@code networkPrefix}. */
    private void startAgent(String networkPrefix) throws Exception {
        assumeTrue(
                RuncRuntime.unavailable("runc").isEmpty(),
                () -> RuncRuntime.unavailable("runc").orElse(""));
        assumeTrue(BusyboxImage.available(), "busybox-static (/bin/busybox) is needed for the test image");
        assumeTrue(RuncRuntime.find("ip") != null, "ip(8) is needed for the test pod network");
        runtime = new RuncRuntime(
                new RuncRuntime.Config(dir.resolve("root"), "r1", "127.0.0.1", "runc"),
                new BusyboxImage(dir.resolve("image")),
                new LoopbackNetwork(networkPrefix));
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig("r1"), runtime, Clock.systemUTC());
    }

    @Test
    void aFailingLivenessExecProbeRestartsTheContainerAndKubectlLogsShowsBothInstances() throws Exception {
        startAgent("en-ait-");
        assertThat(cluster.node("r1").getStatus().getNodeInfo().getContainerRuntimeVersion())
                .startsWith("runc://");

        Pod pod = new PodBuilder(TestCluster.pod("web", "r1").build())
                .editSpec()
                .editFirstContainer()
                .withCommand("sh", "-c", "echo hello from $$(hostname); touch /tmp/healthy; exec sleep 600")
                .withNewLivenessProbe()
                .withNewExec()
                .withCommand("cat", "/tmp/healthy")
                .endExec()
                .withPeriodSeconds(1)
                .withFailureThreshold(1)
                .endLivenessProbe()
                .endContainer()
                .endSpec()
                .build();
        cluster.client.create(pod);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        String uid = cluster.pod("web").orElseThrow().getMetadata().getUid();

        // The probe's file goes: the next probe fails and the agent restarts the container.
        assertThat(runtime.exec(uid, "main", List.of("rm", "/tmp/healthy"), Duration.ofSeconds(20))
                        .exitCode())
                .isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            var cs = cluster.pod("web")
                    .orElseThrow()
                    .getStatus()
                    .getContainerStatuses()
                    .get(0);
            return cs.getRestartCount() >= 1 && cs.getState().getRunning() != null;
        });
        var cs = cluster.pod("web")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0);
        assertThat(cs.getContainerID()).startsWith("runc://");
        assertThat(cs.getLastState().getTerminated()).isNotNull();

        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kubectl.ok("logs", "web")).isEqualTo("hello from web\n"));
        assertThat(kubectl.ok("logs", "web", "--previous")).isEqualTo("hello from web\n");
    }

    @Test
    void aNewImageRestartsOnlyThatContainerInTheSameSandbox() throws Exception {
        startAgent("en-aiu-");
        cluster.client.create(InPlaceImageChange.twoContainers("web", "r1"));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));

        InPlaceImageChange.changeMainImage(cluster, "web", Duration.ofSeconds(90));
    }
}
