package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class MutableImageTagTest {
    private static final String PATH = "spec.template.spec.containers[0].image";

    private static ObjectNode image(String image, String policy) {
        return patched(
                CLEAN_DAEMON_SET,
                "spec: {template: {spec: {containers: [{name: c, image: \"" + image + "\""
                        + (policy == null ? "" : ", imagePullPolicy: " + policy) + "}]}}}");
    }

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("a version tag", image("fluent/fluent-bit:3.1", null)),
                RuleCase.none("a digest", image("fluent/fluent-bit@sha256:" + "a".repeat(64), null)),
                RuleCase.none("a registry port and a version", image("registry:5000/agent:1.2", null)),
                RuleCase.finds("no tag", image("fluent/fluent-bit", null), Severity.WARNING, PATH, "has no tag"),
                RuleCase.finds(
                        "a registry port is not a tag",
                        image("registry:5000/agent", null),
                        Severity.WARNING,
                        PATH,
                        "has no tag"),
                RuleCase.finds(
                        "latest with the default pull policy",
                        image("agent:latest", null),
                        Severity.WARNING,
                        PATH,
                        "every restart may pull another version"),
                RuleCase.finds(
                        "latest with IfNotPresent",
                        image("agent:latest", "IfNotPresent"),
                        Severity.WARNING,
                        PATH,
                        "with imagePullPolicy IfNotPresent each node keeps the image it pulled first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anImageWithoutAFixedVersionIsFlagged(RuleCase c) {
        c.check(new MutableImageTag());
    }
}
