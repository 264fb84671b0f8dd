package io.everynode.advisor.plan;

import static io.everynode.advisor.plan.PlanFixtures.ds;
import static io.everynode.advisor.plan.PlanFixtures.pod;
import static io.everynode.advisor.why.Fixtures.edge;
import static io.everynode.advisor.why.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class PlanTextTest {
    private final Plan plan = new Planner()
            .plan(new PlanInput(
                    ds(),
                    ds(),
                    List.of(
                            edge("e-1"),
                            edge("e-2"),
                            edge("e-3"),
                            edge("e-4"),
                            edge("e-5"),
                            edge("e-6"),
                            node("core-1", Map.of("pool", "core"), "2")),
                    List.of(pod("agent-1", "e-1", "DaemonSet", "ds-uid", "200m", "2026-12-05T09:00:04Z")),
                    null));

    @Test
    void textListsFiveNamesPerReasonThePoolsAndTheEstimateWithItsBasis() {
        assertThat(PlanText.text(plan)).isEqualTo("""
                        Plan for daemonset default/agent: update of the existing DaemonSet

                        Nodes (7):
                        VERDICT          REASON         NODES   EXAMPLES                             MESSAGE
                        gets-pod         Fits           6       e-1, e-2, e-3, e-4, e-5 and 1 more   gets a pod
                        should-not-run   NodeSelector   1       core-1                               node(s) didn't match Pod's node affinity/selector

                        Pools by (no pool label on any node: one pool):
                        POOL   NODES   PODS   CPU REQ   CPU HEADROOM   MEMORY REQ   MEMORY HEADROOM   CANNOT FIT
                        all    7       6      1200m     12800m         384Mi        6784Mi            -

                        Rollout: update of 6 nodes, maxUnavailable 1, maxSurge 0: 6 waves, about 24s
                          per wave 4s: pod start 4s (mean creation to Ready, 1 sample: pods of daemonset default/agent) + minReadySeconds 0
                        """);
    }

    @Test
    void jsonHasEveryNodeAndTheEstimateInSeconds() {
        JsonNode root = Json.parse(PlanText.json(plan).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(root.get("schema").asString()).isEqualTo("everynode.io/plan/v1");
        assertThat(root.get("nodes")).hasSize(7);
        assertThat(root.get("groups").get(0).get("nodes")).hasSize(6);
        assertThat(root.get("estimate").get("totalSeconds").asDouble()).isEqualTo(24.0);
        assertThat(root.get("pools").get(0).get("headroom").get("cpu").asString())
                .isEqualTo("12800m");
    }

    @ParameterizedTest
    @CsvSource({"4500, 4.5s", "59940, 59.9s", "60000, 1m0s", "200000, 3m20s", "15000000, 4h10m0s"})
    void durationsPrintLikeGoDoes(long millis, String text) {
        assertThat(PlanText.duration(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
