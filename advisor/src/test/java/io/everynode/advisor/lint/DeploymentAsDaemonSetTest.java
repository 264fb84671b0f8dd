package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.CLEAN_DEPLOYMENT;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentAsDaemonSetTest {
    private static final String ONE_PER_NODE = "spec: {template: {spec: {affinity: {podAntiAffinity: {"
            + "requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname,"
            + " labelSelector: {matchLabels: {app: cache}}}]}}}}}";
    private static final String HOST_NETWORK = "spec: {template: {spec: {hostNetwork: true}}}";

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("an ordinary Deployment", patched(CLEAN_DEPLOYMENT)),
                RuleCase.finds(
                        "one pod per node by required anti-affinity on the hostname",
                        patched(CLEAN_DEPLOYMENT, ONE_PER_NODE),
                        Severity.WARNING,
                        "spec.template.spec.affinity.podAntiAffinity",
                        "required pod anti-affinity on kubernetes.io/hostname"),
                RuleCase.none(
                        "a preferred anti-affinity only spreads",
                        patched(
                                CLEAN_DEPLOYMENT,
                                "spec: {template: {spec: {affinity: {podAntiAffinity: {"
                                        + "preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm:"
                                        + " {topologyKey: kubernetes.io/hostname}}]}}}}}")),
                RuleCase.none("host network alone is not an agent", patched(CLEAN_DEPLOYMENT, HOST_NETWORK)),
                RuleCase.none(
                        "an agent's name alone is not enough",
                        patched(CLEAN_DEPLOYMENT, "metadata: {name: build-agent}")),
                RuleCase.finds(
                        "host network and a collector's label together",
                        patched(
                                CLEAN_DEPLOYMENT,
                                HOST_NETWORK,
                                "spec: {template: {metadata: {labels: {app: log-collector}}}}"),
                        Severity.WARNING,
                        "spec.template.spec",
                        "hostNetwork, label app=log-collector"),
                RuleCase.none("a DaemonSet is what it should be", patched(CLEAN_DAEMON_SET, ONE_PER_NODE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aDeploymentThatLooksLikeANodeAgentIsFlagged(RuleCase c) {
        c.check(new DeploymentAsDaemonSet());
    }
}
