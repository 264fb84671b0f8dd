package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.UnknownFields;
import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownFieldScanTest {
    private final UnknownFieldScan scan = new UnknownFieldScan();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"metadata":{"name":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}}}}                          | ''
            {"metadata":{"name":"x","colour":"red"}}                                                          | metadata.colour
            {"bogus":1,"metadata":{"labels":{"a":"b"},"zz":1}}                                                | metadata.zz;bogus
            {"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","foo":1}]}}}}                | spec.template.spec.containers[1].foo
            {"spec":{"template":{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1"}},"x":2}],"volumes":[{"name":"v","hostPath":{"path":"/","kind":"d"}}]}}}} | spec.template.spec.containers[0].x;spec.template.spec.volumes[0].hostPath.kind
            {"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxSurgee":2}}}}                       | spec.updateStrategy.rollingUpdate.maxSurgee
            {"status":{"conditions":[{"type":"A","why":"x"}],"numberReady":1,"b":2,"a":1}}                    | status.conditions[0].why;status.b;status.a
            """)
    void unknownPropertiesAreReportedWithTheirJsonPathsInTheOrderOfTheReflectiveWalk(String json, String expected) {
        DaemonSet ds = Json.MAPPER.readValue(json, DaemonSet.class);
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
        assertThat(scan.paths(ds))
                .containsExactlyElementsOf(UnknownFields.paths(ds))
                .containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void aSecondScanOfTheSameKindGivesTheSameAnswerAsTheFirst() {
        Pod pod = Json.MAPPER.readValue("""
                {"metadata":{"name":"p","x":1},"spec":{"containers":[{"name":"c","y":2}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"c","ready":true,"z":3}],"w":4}}""", Pod.class);
        List<String> first = scan.paths(pod);
        assertThat(first)
                .containsExactlyElementsOf(UnknownFields.paths(pod))
                .containsExactlyInAnyOrder(
                        "metadata.x", "spec.containers[0].y", "status.containerStatuses[0].z", "status.w");
        assertThat(scan.paths(pod)).isEqualTo(first);
    }
}
