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
class HeartbeatTest {
    private final TestCluster cluster = new TestCluster();
    private final ManualClock clock = new ManualClock(Instant.now());
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private final Heartbeat heartbeat = new Heartbeat(cluster.client, TestCluster.agentConfig("n1"), runtime, clock);

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
        cluster.client.patch(Node.class, null, "n1", PatchType.STRATEGIC,
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\"}]}}", "status");
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("Unknown");

        clock.advance(Duration.ofSeconds(10));
        heartbeat.postStatus();

        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
    }
}
