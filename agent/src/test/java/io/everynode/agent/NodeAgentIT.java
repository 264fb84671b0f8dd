package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeAgentIT {
    private final TestCluster cluster = new TestCluster();
    private final Clock clock = Clock.systemUTC();
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        runtime.close();
        cluster.close();
    }

    private NodeAgent start(AgentConfig config) {
        agent = NodeAgent.start(cluster.client, config, runtime, clock);
        return agent;
    }

    @Test
    void anAgentRegistersAReadyNodeWithItsLabelsTaintsCapacityAndRuntime() {
        start(TestCluster.agentConfig("n1")
                .withLabels(Map.of("disktype", "ssd"))
                .withTaints(List.of(new TaintBuilder()
                        .withKey("dedicated")
                        .withValue("logging")
                        .withEffect("NoSchedule")
                        .build()))
                .withCapacity(AgentConfig.capacity("2", "4Gi", "50")));

        Node n = cluster.node("n1");
        assertThat(n.getMetadata().getLabels())
                .containsEntry("kubernetes.io/hostname", "n1")
                .containsEntry("kubernetes.io/os", "linux")
                .containsKey("kubernetes.io/arch")
                .containsEntry("disktype", "ssd")
                .containsEntry("everynode.io/runtime", "simulated");
        assertThat(n.getSpec().getTaints())
                .extracting(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                .containsExactly("dedicated=logging:NoSchedule");
        assertThat(n.getStatus().getAllocatable().get("cpu").toString()).isEqualTo("2");
        assertThat(n.getStatus().getCapacity().get("pods").toString()).isEqualTo("50");
        assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion())
                .isEqualTo("simulated://" + SimulatedRuntime.VERSION);
        assertThat(n.getStatus().getAddresses())
                .anyMatch(
                        a -> a.getType().equals("InternalIP") && a.getAddress().equals("127.0.0.1"));
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
        assertThat(cluster.condition("n1", "MemoryPressure")).isEqualTo("False");
        assertThat(cluster.condition("n1", "DiskPressure")).isEqualTo("False");
        assertThat(cluster.condition("n1", "PIDPressure")).isEqualTo("False");
    }

    @Test
    void anAgentOverHttpRegistersAndRunsItsPods() {
        try (var http = io.everynode.client.KubeClient.http(cluster.url())) {
            agent = NodeAgent.start(http, TestCluster.agentConfig("n1"), runtime, clock);
            assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
            cluster.client.create(TestCluster.pod("web", "n1").build());
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
            agent.close();
            agent = null;
        }
    }

    @Test
    void theNodesLeaseIsRenewed() {
        start(TestCluster.agentConfig("n1"));
        Lease first = cluster.client.get(Lease.class, "kube-node-lease", "n1");
        assertThat(first.getSpec().getHolderIdentity()).isEqualTo("n1");
        assertThat(first.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        ZonedDateTime renewed = first.getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.client
                        .get(Lease.class, "kube-node-lease", "n1")
                        .getSpec()
                        .getRenewTime()
                        .isAfter(renewed));
    }

    @Test
    void aBoundPodBecomesRunningAndReadyWithItsStatusFilledIn() {
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(TestCluster.pod("web", "n1").build());

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        Pod p = cluster.pod("web").orElseThrow();
        assertThat(p.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(p.getStatus().getPodIP()).startsWith("10.");
        assertThat(p.getStatus().getStartTime()).isNotNull();
        assertThat(p.getStatus().getConditions())
                .extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("PodScheduled=True", "Initialized=True", "ContainersReady=True", "Ready=True");
        var cs = p.getStatus().getContainerStatuses().get(0);
        assertThat(cs.getReady()).isTrue();
        assertThat(cs.getStarted()).isTrue();
        assertThat(cs.getRestartCount()).isZero();
        assertThat(cs.getContainerID()).startsWith("simulated://");
        assertThat(cs.getImageID()).startsWith("simulated://sha256:");
        assertThat(cs.getState().getRunning().getStartedAt()).isNotNull();
    }

    @Test
    void aDeletedPodIsStoppedThenRemovedByTheAgent() {
        start(TestCluster.agentConfig("n1"));
        Pod created = cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));

        cluster.client.delete(Pod.class, "default", "web");

        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.pod("web").isEmpty());
        assertThat(runtime.pod(created.getMetadata().getUid())).isEmpty();
    }

    @Test
    void aFailingPodIsRestartedThenWaitsInCrashLoopBackOff() {
        start(TestCluster.agentConfig("n1"));
        cluster.client.create(TestCluster.pod("crash", "n1")
                .editMetadata()
                .addToAnnotations(SimulatedRuntime.FAIL_ANNOTATION, "true")
                .endMetadata()
                .build());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.pod("crash")
                        .map(p -> {
                            var statuses =
                                    p.getStatus() == null ? null : p.getStatus().getContainerStatuses();
                            if (statuses == null || statuses.isEmpty()) return false;
                            var cs = statuses.get(0);
                            return cs.getRestartCount() == 1
                                    && cs.getState().getWaiting() != null
                                    && "CrashLoopBackOff"
                                            .equals(cs.getState().getWaiting().getReason());
                        })
                        .orElse(false));
        var cs = cluster.pod("crash")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0);
        assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(cs.getState().getWaiting().getMessage()).startsWith("back-off 10s restarting failed container=main");
    }

    @Test
    void aSilentNodeGoesUnknownAndARestartedAgentBringsItBackReadyWithoutRestartingItsPods() {
        AgentConfig config = TestCluster.agentConfig("n1");
        start(config);
        cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        String containerId = cluster.pod("web")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0)
                .getContainerID();

        agent.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> "Unknown".equals(cluster.condition("n1", "Ready")));

        start(config);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "True".equals(cluster.condition("n1", "Ready"))
                        && cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        var cs = cluster.pod("web")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0);
        assertThat(cs.getContainerID()).isEqualTo(containerId);
        assertThat(cs.getRestartCount()).isZero();
    }

    @Test
    void anAgentWithAFreshRuntimeAdoptsPodsReportedRunning() {
        AgentConfig config = TestCluster.agentConfig("n1");
        start(config);
        cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        String containerId = cluster.pod("web")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0)
                .getContainerID();
        agent.close();

        try (SimulatedRuntime fresh = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1")) {
            agent = NodeAgent.start(cluster.client, config, fresh, clock);
            String uid = cluster.pod("web").orElseThrow().getMetadata().getUid();
            await().atMost(Duration.ofSeconds(10)).until(() -> fresh.pod(uid).isPresent());
            assertThat(fresh.pod(uid).orElseThrow().containers().get("main").state())
                    .isEqualTo(RuntimeContainer.State.RUNNING);
            assertThat(fresh.pod(uid).orElseThrow().containers().get("main").id())
                    .isEqualTo(containerId);
            var cs = cluster.pod("web")
                    .orElseThrow()
                    .getStatus()
                    .getContainerStatuses()
                    .get(0);
            assertThat(cs.getRestartCount()).isZero();
            assertThat(cs.getContainerID()).isEqualTo(containerId);
            agent.close();
            agent = null;
        }
    }
}
