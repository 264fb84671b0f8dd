package io.everynode.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageReportTest {
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00.123456789Z");

    @Test
    void aReportReadsBackAsItWasWritten() {
        UsageReport r = new UsageReport(
                "n1",
                AT,
                new Usage(5_000_000_000L, 1L << 30),
                List.of(new PodUsage(
                        "kube-system",
                        "fluent-bit-x",
                        List.of(new PodUsage.Container(
                                "fluent-bit", AT.minusSeconds(60), new Usage(123_000_000L, 25_000_000L))))));

        UsageReport back = UsageReport.fromJson(Json.parse(Json.bytes(r.toJson())));

        assertThat(back).isEqualTo(r);
        assertThat(r.toJson().path("kind").asString()).isEqualTo("NodeUsageReport");
    }

    @Test
    void aMissingContainerCounterIsRefusedWithItsFieldPath() {
        var o = new UsageReport(
                        "n1",
                        AT,
                        new Usage(1, 1),
                        List.of(new PodUsage(
                                "default", "web", List.of(new PodUsage.Container("main", AT, new Usage(1, 1))))))
                .toJson();
        ((tools.jackson.databind.node.ObjectNode)
                        o.path("pods").get(0).path("containers").get(0))
                .remove("cpuNanos");

        assertThatThrownBy(() -> UsageReport.fromJson(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pods[0].containers[0].cpuNanos: must be a non-negative integer");
    }

    @Test
    void anotherKindIsNoReport() {
        assertThatThrownBy(
                        () -> UsageReport.fromJson(Json.parse("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}".getBytes())))
                .hasMessageStartingWith("kind: a usage report is kind NodeUsageReport");
    }
}
