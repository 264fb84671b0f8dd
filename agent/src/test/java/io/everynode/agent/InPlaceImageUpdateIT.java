package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * E6.2/E6.3 on a simulated node: a changed container image restarts that container only, in the
 * same pod; readiness gates hold Ready until their conditions are True. One cluster and agent
 * for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InPlaceImageUpdateIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestCluster cluster;
    private SimulatedRuntime runtime;
    private NodeAgent agent;

    @BeforeAll
    void start() {
        cluster = new TestCluster();
        runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig("n1"), runtime, Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (agent != null) agent.close();
        if (runtime != null) runtime.close();
        if (cluster != null) cluster.close();
    }

    private Map<String, ContainerStatus> statuses(String pod) {
        Pod p = cluster.pod(pod).orElseThrow();
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) return Map.of();
        return p.getStatus().getContainerStatuses().stream()
                .collect(Collectors.toMap(ContainerStatus::getName, cs -> cs));
    }

    private static boolean running(ContainerStatus cs) {
        return cs != null && cs.getState() != null && cs.getState().getRunning() != null;
    }

    private PodCondition condition(String pod, String type) {
        Pod p = cluster.pod(pod).orElseThrow();
        if (p.getStatus() == null || p.getStatus().getConditions() == null) return null;
        return p.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aNewImageRestartsOnlyThatContainerInTheSamePod() {
        cluster.client.create(TestCluster.pod("two", "n1")
                .editSpec()
                .addNewContainer()
                .withName("sidecar")
                .withImage("envoy:1.30")
                .endContainer()
                .endSpec()
                .build());
        await().atMost(WAIT)
                .until(() -> TestCluster.runningAndReady(cluster.pod("two").orElseThrow()));
        Pod before = cluster.pod("two").orElseThrow();
        Map<String, ContainerStatus> was = statuses("two");

        cluster.client.patch(
                Pod.class,
                "default",
                "two",
                PatchType.STRATEGIC,
                "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.37\"}]}}");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Map<String, ContainerStatus> now = statuses("two");
            assertThat(now.get("main").getImage()).isEqualTo("busybox:1.37");
            assertThat(now.get("main").getRestartCount())
                    .isEqualTo(was.get("main").getRestartCount() + 1);
            assertThat(running(now.get("main"))).isTrue();
            assertThat(TestCluster.runningAndReady(cluster.pod("two").orElseThrow()))
                    .isTrue();
        });
        Pod after = cluster.pod("two").orElseThrow();
        Map<String, ContainerStatus> now = statuses("two");
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getStatus().getPodIP()).isEqualTo(before.getStatus().getPodIP());
        assertThat(now.get("main").getImageID()).isNotEqualTo(was.get("main").getImageID());
        assertThat(now.get("main").getContainerID())
                .isNotEqualTo(was.get("main").getContainerID());
        assertThat(now.get("sidecar").getContainerID())
                .isEqualTo(was.get("sidecar").getContainerID());
        assertThat(now.get("sidecar").getRestartCount())
                .isEqualTo(was.get("sidecar").getRestartCount());
        assertThat(now.get("sidecar").getState().getRunning().getStartedAt())
                .isEqualTo(was.get("sidecar").getState().getRunning().getStartedAt());
    }

    @Test
    void aReadinessGateHoldsReadyUntilItsConditionIsTrue() {
        cluster.client.create(TestCluster.pod("gated", "n1")
                .editSpec()
                .addNewReadinessGate("InPlaceUpdateReady")
                .endSpec()
                .build());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(condition("gated", "ContainersReady").getStatus()).isEqualTo("True");
            PodCondition ready = condition("gated", "Ready");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("ReadinessGatesNotReady");
            assertThat(ready.getMessage())
                    .isEqualTo("corresponding condition of pod readiness gate \"InPlaceUpdateReady\" does not exist.");
        });

        setGate("True");
        await().atMost(WAIT)
                .until(() -> "True".equals(condition("gated", "Ready").getStatus()));

        setGate("False");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            PodCondition ready = condition("gated", "Ready");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getMessage())
                    .isEqualTo("the status of pod readiness gate \"InPlaceUpdateReady\" is not \"True\", but False");
        });
        // The agent's own status writes leave the gate's condition as its owner set it.
        assertThat(condition("gated", "InPlaceUpdateReady").getStatus()).isEqualTo("False");
    }

    private void setGate(String status) {
        cluster.client.patch(
                Pod.class,
                "default",
                "gated",
                PatchType.STRATEGIC,
                "{\"status\":{\"conditions\":[{\"type\":\"InPlaceUpdateReady\",\"status\":\"" + status + "\"}]}}",
                "status");
    }
}
