package io.everynode.api.kruise;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E7.1: OpenKruise's webhook defaults, as a table of spec in, defaulted spec out (JSON). */
class AdvancedDaemonSetDefaultsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "nothing set: RollingUpdate, Standard, maxUnavailable 1, maxSurge 0, burst 250, history 10",
                        "{}",
                        "{\"burstReplicas\":250,\"revisionHistoryLimit\":10,\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":0,"
                                + "\"maxUnavailable\":1,\"rollingUpdateType\":\"Standard\"},\"type\":\"RollingUpdate\"}}"),
                Arguments.of(
                        "the retired Surging type becomes Standard with a surge of one",
                        "{\"updateStrategy\":{\"rollingUpdate\":{\"rollingUpdateType\":\"Surging\"}}}",
                        "{\"burstReplicas\":250,\"revisionHistoryLimit\":10,\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":1,"
                                + "\"maxUnavailable\":0,\"rollingUpdateType\":\"Standard\"},\"type\":\"RollingUpdate\"}}"),
                Arguments.of(
                        "a surge alone stays alone (its view reads maxUnavailable 0)",
                        "{\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":\"20%\"}},\"burstReplicas\":5}",
                        "{\"burstReplicas\":5,\"revisionHistoryLimit\":10,\"updateStrategy\":{\"rollingUpdate\":{\"maxSurge\":\"20%\","
                                + "\"rollingUpdateType\":\"Standard\"},\"type\":\"RollingUpdate\"}}"),
                Arguments.of(
                        "OnDelete gets no rolling update",
                        "{\"updateStrategy\":{\"type\":\"OnDelete\"},\"revisionHistoryLimit\":0}",
                        "{\"burstReplicas\":250,\"revisionHistoryLimit\":0,\"updateStrategy\":{\"type\":\"OnDelete\"}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void theWebhooksDefaultsAreSet(String name, String spec, String expected) {
        AdvancedDaemonSet ds = new AdvancedDaemonSet();
        ds.spec = Json.convert(Json.parse(spec.getBytes(StandardCharsets.UTF_8)), AdvancedDaemonSetSpec.class);

        AdvancedDaemonSetDefaults.apply(ds);

        assertThat(Json.string(ds.spec)).isEqualTo(expected);
        AdvancedDaemonSetDefaults.apply(ds);
        assertThat(Json.string(ds.spec)).as("idempotent").isEqualTo(expected);
    }
}
