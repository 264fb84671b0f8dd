package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.api.json.Json;
import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import io.everynode.client.ApiError;
import io.everynode.client.Transport;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.controlplane.InProcessTransport;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who may send usage reports and who may read metrics.k8s.io. */
class MetricsAccessIT {
    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void aNodeMayReportItsOwnUsageButNotAnotherNodes() {
        UsageReport own = new UsageReport("n1", Instant.now(), new Usage(1, 1), List.of());
        cluster.nodeClient("n1").reportUsage(own);

        UsageReport other = new UsageReport("n2", Instant.now(), new Usage(1, 1), List.of());
        assertThatThrownBy(() -> cluster.nodeClient("n1").reportUsage(other))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("a node may only report its own usage");
                });
    }

    @Test
    void aMalformedReportIsInvalidWithTheFieldAtFault() throws Exception {
        var body = new UsageReport("n1", Instant.now(), new Usage(1, 1), List.of()).toJson();
        body.put("cpuNanos", "lots");
        try (var t = new InProcessTransport(cluster.api, "test", InProcessNodeClients.user("n1"))) {
            Transport.Response r = t.send(new Transport.Request(
                    "POST",
                    "/apis/metrics.k8s.io/v1beta1/nodes/n1/usage",
                    Map.of(),
                    "application/json",
                    Json.bytes(body)));

            assertThat(r.status()).isEqualTo(422);
            var status = Json.parse(r.body());
            assertThat(status.path("kind").asString()).isEqualTo("Status");
            assertThat(status.path("details")
                            .path("causes")
                            .get(0)
                            .path("field")
                            .asString())
                    .isEqualTo("cpuNanos");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("must be a non-negative integer");
        }
    }

    @Test
    void theViewEditAndAdminRolesAggregateReadingMetrics() {
        for (String role : List.of("view", "edit", "admin")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(cluster.client
                                    .get(ClusterRole.class, null, role)
                                    .getRules())
                            .anySatisfy(r -> {
                                assertThat(r.getApiGroups()).containsExactly("metrics.k8s.io");
                                assertThat(r.getResources()).contains("pods", "nodes");
                                assertThat(r.getVerbs()).contains("get", "list", "watch");
                            }));
        }
    }
}
