package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl logs} of a simulated pod, end to end: kubectl → API server → the agent's endpoint → the runtime's log. */
class SimulatedLogsIT {
    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private SimulatedRuntime runtime;
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        if (runtime != null) runtime.close();
        cluster.close();
    }

    @Test
    void kubectlLogsOfASimulatedPodPrintsItsStartLine() throws Exception {
        runtime = new SimulatedRuntime(
                TestCluster.runtimeConfig().withLogDir(dir.resolve("logs")), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig("n1"), runtime, Clock.systemUTC());
        // The API server finds the endpoint as upstream finds a kubelet: InternalIP and the advertised port.
        Node n = cluster.node("n1");
        assertThat(n.getStatus().getAddresses())
                .anyMatch(a -> "InternalIP".equals(a.getType()) && "127.0.0.1".equals(a.getAddress()));
        assertThat(n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
                .isPositive();

        cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kubectl.ok("logs", "web"))
                        .isEqualTo("simulated container main started (image busybox:1.36)\n"));
    }

    @Test
    void aSimulatedNodeWithoutLogsSaysItKeepsNone() throws Exception {
        runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig("n1"), runtime, Clock.systemUTC());
        cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));
        var r = kubectl.run("logs", "web");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("node \"n1\" keeps no logs for container \"main\" in pod \"web\"");
    }

    @Test
    void aClientOverwritingTheNodesAddressesAndKubeletPortIsPutRightByTheAgentAndLogsKeepWorking() throws Exception {
        runtime = new SimulatedRuntime(
                TestCluster.runtimeConfig().withLogDir(dir.resolve("logs")), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig("n1"), runtime, Clock.systemUTC());
        int port = cluster.node("n1")
                .getStatus()
                .getDaemonEndpoints()
                .getKubeletEndpoint()
                .getPort();
        cluster.client.create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        cluster.pod("web").map(TestCluster::runningAndReady).orElse(false));

        cluster.client.patch(Node.class, null, "n1", PatchType.MERGE, """
                {"status":{"addresses":[{"type":"InternalIP","address":"192.0.2.66"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":1}}}}""", "status");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Node n = cluster.node("n1");
            assertThat(n.getStatus().getAddresses())
                    .extracting(a -> a.getType() + "=" + a.getAddress())
                    .containsExactly("InternalIP=127.0.0.1", "Hostname=n1");
            assertThat(n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
                    .isEqualTo(port);
        });
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));
        assertThat(kubectl.ok("logs", "web")).isEqualTo("simulated container main started (image busybox:1.36)\n");
    }
}
