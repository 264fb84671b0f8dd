package io.everynode.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsObjectsTest {
    @Test
    void cpuIsWrittenInTheLargestExactDecimalSuffix() {
        assertThat(MetricsObjects.cpu(123_456)).isEqualTo("123456n");
        assertThat(MetricsObjects.cpu(250_000_000)).isEqualTo("250m");
        assertThat(MetricsObjects.cpu(2_000_000_000)).isEqualTo("2");
        assertThat(MetricsObjects.cpu(1_500_000)).isEqualTo("1500u");
        assertThat(MetricsObjects.cpu(0)).isEqualTo("0");
    }

    @Test
    void memoryIsWrittenInTheLargestExactBinarySuffix() {
        assertThat(MetricsObjects.memory(24436L * 1024)).isEqualTo("24436Ki");
        assertThat(MetricsObjects.memory(64L << 20)).isEqualTo("64Mi");
        assertThat(MetricsObjects.memory(1000)).isEqualTo("1000");
        assertThat(MetricsObjects.memory(1025)).isEqualTo("1025");
    }

    @Test
    void theWindowIsAGoDuration() {
        assertThat(MetricsObjects.window(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(MetricsObjects.window(Duration.ofMillis(15_012))).isEqualTo("15.012s");
        assertThat(MetricsObjects.window(Duration.ofMillis(60_500))).isEqualTo("1m0.5s");
        assertThat(MetricsObjects.window(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(MetricsObjects.window(Duration.ofHours(1))).isEqualTo("1h0m0s");
    }

    @Test
    void aPodMetricsCarriesThePodsLabelsTimestampWindowAndContainers() {
        Instant at = Instant.parse("2026-12-04T10:00:15.5Z");
        var o = MetricsObjects.pod(
                Map.of("app", "web"),
                Instant.parse("2026-12-04T10:00:20Z"),
                new UsageRates.PodRate(
                        "default",
                        "web",
                        at,
                        Duration.ofSeconds(15),
                        List.of(new UsageRates.ContainerRate("main", 250_000_000, 64L << 20))));

        assertThat(o.toString())
                .isEqualTo("{\"kind\":\"PodMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\","
                        + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"creationTimestamp\":\"2026-12-04T10:00:20Z\",\"labels\":{\"app\":\"web\"}},"
                        + "\"timestamp\":\"2026-12-04T10:00:15Z\",\"window\":\"15s\","
                        + "\"containers\":[{\"name\":\"main\",\"usage\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}}]}");
    }
}
