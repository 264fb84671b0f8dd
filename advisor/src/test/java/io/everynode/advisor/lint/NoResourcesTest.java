package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.CLEAN_DEPLOYMENT;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoResourcesTest {
    private static final String BARE = "spec: {template: {spec: {containers: [{name: agent, image: a:1}]}}}";

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("requests for cpu and memory and a memory limit", patched(CLEAN_DAEMON_SET)),
                RuleCase.finds(
                        "a container with no resources at all",
                        patched(CLEAN_DAEMON_SET, BARE),
                        Severity.WARNING,
                        "spec.template.spec.containers[0].resources",
                        "container \"agent\" sets no requests.cpu, requests.memory, limits.memory"),
                RuleCase.finds(
                        "requests without a memory limit",
                        patched(
                                CLEAN_DAEMON_SET,
                                "spec: {template: {spec: {containers: [{name: agent, image: a:1,"
                                        + " resources: {requests: {cpu: 10m, memory: 10Mi}, limits: {cpu: 1}}}]}}}"),
                        Severity.WARNING,
                        "spec.template.spec.containers[0].resources",
                        "sets no limits.memory:"),
                RuleCase.finds(
                        "an init container counts too",
                        patched(
                                CLEAN_DAEMON_SET,
                                "spec: {template: {spec: {initContainers: [{name: setup, image: a:1}]}}}"),
                        Severity.WARNING,
                        "spec.template.spec.initContainers[0].resources",
                        "container \"setup\""),
                RuleCase.finds(
                        "a Deployment's container as well",
                        patched(CLEAN_DEPLOYMENT, BARE),
                        Severity.WARNING,
                        "spec.template.spec.containers[0].resources",
                        "requests.cpu"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyContainerNeedsRequestsAndAMemoryLimit(RuleCase c) {
        c.check(new NoResources());
    }
}
