package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedFleetIT {
    private final TestCluster cluster = new TestCluster();
    /** Each node calls as itself, as up's fleet does. */
    private final SimulatedFleet fleet = new SimulatedFleet(
            cluster.nodeClient("node-1"), cluster::nodeClient, Clock.systemUTC(), TestCluster.runtimeConfig());

    @AfterEach
    void tearDown() {
        fleet.close();
        cluster.close();
    }

    private Integer numberReady(String ds) {
        DaemonSet d = cluster.client.get(DaemonSet.class, "default", ds);
        return d.getStatus() == null ? null : d.getStatus().getNumberReady();
    }

    @Test
    void aDaemonSetGetsOneRunningReadyPodPerSimulatedNode() {
        for (int i = 1; i <= 3; i++) fleet.add(TestCluster.agentConfig("node-" + i));
        cluster.client.create(TestCluster.daemonSet("logs"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(3).equals(numberReady("logs")));
        List<Pod> pods = cluster.client.list(Pod.class, "default").items();
        assertThat(pods).hasSize(3).allMatch(TestCluster::runningAndReady);
        assertThat(pods)
                .extracting(p -> p.getSpec().getNodeName())
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    }

    @Test
    void nodesThatCallAsThemselvesRunADaemonSetWhoseSecretAndConfigMapAppearLater() {
        for (int i = 1; i <= 3; i++) fleet.add(TestCluster.agentConfig("node-" + i));
        DaemonSet ds = TestCluster.daemonSet("configured");
        var pod = ds.getSpec().getTemplate().getSpec();
        pod.getVolumes()
                .add(new VolumeBuilder()
                        .withName("creds")
                        .withNewSecret()
                        .withSecretName("creds")
                        .endSecret()
                        .build());
        pod.getContainers()
                .get(0)
                .getEnv()
                .add(new EnvVarBuilder()
                        .withName("MODE")
                        .withNewValueFrom()
                        .withNewConfigMapKeyRef()
                        .withName("settings")
                        .withKey("mode")
                        .endConfigMapKeyRef()
                        .endValueFrom()
                        .build());
        cluster.client.create(ds);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster.client.list(Pod.class, "default").items().stream()
                                .filter(p -> p.getSpec().getNodeName() != null)
                                .count()
                        == 3);
        assertThat(numberReady("configured")).isNotEqualTo(3);

        cluster.client.create(new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .withNamespace("default")
                .endMetadata()
                .addToStringData("token", "t")
                .build());
        cluster.client.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("default")
                .endMetadata()
                .addToData("mode", "fast")
                .build());
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(3).equals(numberReady("configured")));
    }

    @Test
    void aFleetOfTwoHundredNodesComesUpAndADaemonSetReachesTwoHundredReady() {
        // The kubelet's 10 s reports against the upstream 40 s grace: no node may go Unknown meanwhile.
        try (TestCluster big = new TestCluster(Duration.ofSeconds(40));
                SimulatedFleet many = new SimulatedFleet(
                        big.nodeClient("node-1"), big::nodeClient, Clock.systemUTC(), TestCluster.runtimeConfig())) {
            for (int i = 1; i <= 200; i++) many.add(AgentConfig.defaults("node-" + i));
            assertThat(many.size()).isEqualTo(200);
            big.client.create(TestCluster.daemonSet("logs"));

            await().atMost(Duration.ofSeconds(120)).until(() -> {
                DaemonSet d = big.client.get(DaemonSet.class, "default", "logs");
                return d.getStatus() != null
                        && Integer.valueOf(200).equals(d.getStatus().getNumberReady());
            });
        }
    }

    @Test
    void aStoppedFleetNodeGoesUnknownAndComesBackReadyOnRestart() {
        AgentConfig config = TestCluster.agentConfig("node-1");
        fleet.add(config);
        fleet.stop("node-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> "Unknown".equals(cluster.condition("node-1", "Ready")));
        fleet.restart(config);
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(cluster.condition("node-1", "Ready")));
    }
}
