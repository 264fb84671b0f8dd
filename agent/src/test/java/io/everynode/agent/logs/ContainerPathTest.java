package io.everynode.agent.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPathTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "/exec/default/web-1/app         | default web-1 app",
                "/exec/kube-system/a%2Fb/c%20d    | kube-system a/b c d",
                "/exec/ns/p+q/c                  | ns p+q c",
                "/exec/ns/pod                    | none",
                "/exec/ns/pod/c/extra            | none",
                "/exec/ns//c                     | none",
                "/containerLogs/ns/pod/c         | none",
            })
    void thePathAfterThePrefixIsThreeDecodedSegmentsOrNothing(String path, String expected) {
        Optional<ContainerPath> p = ContainerPath.parse("/exec/", path.strip());
        assertEquals(
                Optional.ofNullable(expected).map(String::strip),
                p.map(c -> c.namespace() + " " + c.pod() + " " + c.container()));
    }
}
