package io.everynode.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class UnknownFieldsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"metadata":{"name":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}}}}                          | ''
            {"metadata":{"name":"x","colour":"red"}}                                                          | metadata.colour
            {"bogus":1}                                                                                       | bogus
            {"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","foo":1}]}}}}                | spec.template.spec.containers[1].foo
            {"spec":{"template":{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1"}},"x":2}],"volumes":[{"name":"v","hostPath":{"path":"/","kind":"d"}}]}}}} | spec.template.spec.containers[0].x;spec.template.spec.volumes[0].hostPath.kind
            {"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxSurgee":2}}}}                       | spec.updateStrategy.rollingUpdate.maxSurgee
            """)
    void unknownPropertiesAreReportedWithTheirJsonPaths(String json, String expected) {
        DaemonSet ds = JSON.readValue(json, DaemonSet.class);
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
        assertThat(UnknownFields.paths(ds)).containsExactlyInAnyOrderElementsOf(want);
    }
}
