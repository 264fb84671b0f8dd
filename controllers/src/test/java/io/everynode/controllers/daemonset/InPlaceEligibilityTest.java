package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E6.2: which template changes an in-place update can make (a table). */
class InPlaceEligibilityTest {
    private static final String BASE = """
            {"metadata":{"labels":{"app":"a"}},
             "spec":{"initContainers":[{"name":"init","image":"init:1"}],
                     "containers":[{"name":"main","image":"main:1"},{"name":"side","image":"side:1"}]}}""";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing changed", BASE, Optional.of(Map.of())),
                Arguments.of("one image", BASE.replace("main:1", "main:2"), Optional.of(Map.of("main", "main:2"))),
                Arguments.of(
                        "both images",
                        BASE.replace("main:1", "main:2").replace("side:1", "side:2"),
                        Optional.of(Map.of("main", "main:2", "side", "side:2"))),
                Arguments.of(
                        "an image and a template label",
                        BASE.replace("main:1", "main:2").replace("\"app\":\"a\"", "\"app\":\"a\",\"v\":\"2\""),
                        Optional.of(Map.of("main", "main:2"))),
                Arguments.of(
                        "a template annotation only",
                        BASE.replace(
                                "\"labels\":{\"app\":\"a\"}",
                                "\"labels\":{\"app\":\"a\"},\"annotations\":{\"x\":\"1\"}"),
                        Optional.of(Map.of())),
                Arguments.of("an init container's image", BASE.replace("init:1", "init:2"), Optional.empty()),
                Arguments.of(
                        "an image and an env var",
                        BASE.replace(
                                "\"image\":\"main:1\"",
                                "\"image\":\"main:2\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]"),
                        Optional.empty()),
                Arguments.of(
                        "a container renamed",
                        BASE.replace("\"name\":\"side\"", "\"name\":\"other\""),
                        Optional.empty()),
                Arguments.of(
                        "a container added",
                        BASE.replace(
                                "{\"name\":\"side\",\"image\":\"side:1\"}",
                                "{\"name\":\"side\",\"image\":\"side:1\"},{\"name\":\"x\",\"image\":\"x:1\"}"),
                        Optional.empty()),
                Arguments.of(
                        "resources",
                        BASE.replace(
                                "\"image\":\"side:1\"",
                                "\"image\":\"side:1\",\"resources\":{\"limits\":{\"cpu\":\"1\"}}"),
                        Optional.empty()),
                Arguments.of(
                        "the pod's hostNetwork",
                        BASE.replace("\"spec\":{", "\"spec\":{\"hostNetwork\":true,"),
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyImageAndTemplateMetadataChangesAreMadeInPlace(
            String name, String to, Optional<Map<String, String>> expected) {
        PodTemplateSpec a = Json.MAPPER.readValue(BASE, PodTemplateSpec.class);
        PodTemplateSpec b = Json.MAPPER.readValue(to, PodTemplateSpec.class);
        assertThat(InPlaceEligibility.imageChanges(a, b)).isEqualTo(expected);
    }
}
