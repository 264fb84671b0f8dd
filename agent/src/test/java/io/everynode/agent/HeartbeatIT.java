package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.client.PatchType;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node status is posted when it changed or every STATUS_REPORT_INTERVAL; the Lease is the heartbeat in between. */
class HeartbeatIT {
    private final TestCluster cluster = new TestCluster();
    private final ManualClock clock = new ManualClock(Instant.now());
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private final Heartbeat heartbeat =
            new Heartbeat(cluster.client, TestCluster.agentConfig("n1"), runtime, clock, () -> false, 10250);

    @AfterEach
    void tearDown() {
        runtime.close();
        cluster.close();
    }

    private String version() {
        return cluster.node("n1").getMetadata().getResourceVersion();
    }

    @Test
    void anUnchangedStatusIsNotPostedAgainBeforeTheReportInterval() {
        heartbeat.register();
        String registered = version();

        clock.advance(Duration.ofSeconds(10));
        heartbeat.postStatus();

        assertThat(version()).isEqualTo(registered);
    }

    @Test
    void anUnchangedStatusIsPostedOnceTheReportIntervalHasPassed() {
        heartbeat.register();
        String registered = version();

        clock.advance(Heartbeat.STATUS_REPORT_INTERVAL.plusSeconds(1));
        heartbeat.postStatus();

        assertThat(version()).isNotEqualTo(registered);
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
    }

    @Test
    void aReadyConditionSetToUnknownByTheNodeControllerIsPostedBackAtOnce() {
        heartbeat.register();
        cluster.client.patch(
                Node.class,
                null,
                "n1",
                PatchType.STRATEGIC,
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\"}]}}",
                "status");
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("Unknown");

        clock.advance(Duration.ofSeconds(10));
        heartbeat.postStatus();

        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
    }

    @Test
    void addressesAndDaemonEndpointsOverwrittenByAClientArePostedBackAtTheNextStatusUpdate() {
        heartbeat.register();
        cluster.client.patch(Node.class, null, "n1", PatchType.MERGE, """
                {"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1:18112/secret.txt?"}],
                 "daemonEndpoints":{"kubeletEndpoint":{"Port":18112}}}}""", "status");
        assertThat(cluster.node("n1")
                        .getStatus()
                        .getDaemonEndpoints()
                        .getKubeletEndpoint()
                        .getPort())
                .isEqualTo(18112);

        clock.advance(Duration.ofSeconds(10));
        heartbeat.postStatus();

        Node n = cluster.node("n1");
        assertThat(n.getStatus().getAddresses())
                .extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=127.0.0.1", "Hostname=n1");
        assertThat(n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
                .isEqualTo(10250);
    }

    @Test
    void theNodeCarriesNoEndpointAnnotation() {
        heartbeat.register();

        assertThat(cluster.node("n1").getMetadata().getAnnotations()).doesNotContainKey("everynode.io/agent-endpoint");
        assertThat(cluster.node("n1")
                        .getStatus()
                        .getDaemonEndpoints()
                        .getKubeletEndpoint()
                        .getPort())
                .isEqualTo(10250);
    }
}
