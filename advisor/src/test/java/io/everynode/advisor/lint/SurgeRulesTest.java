package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** EN006 and EN007: the two rules that only a surge rollout (maxSurge > 0, R5.5) trips. */
class SurgeRulesTest {
    private static final String SURGE_ONE = "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}}";
    private static final String HOST_PORT = "spec: {template: {spec: {containers: [{name: cache, image: a:1,"
            + " readinessProbe: {tcpSocket: {port: 9100}}, ports: [{containerPort: 8080}, {containerPort: 9100, hostPort: 9100}]}]}}}";

    static Stream<RuleCase> hostPortCases() {
        return Stream.of(
                RuleCase.none("a hostPort without surge", patched(CLEAN_DAEMON_SET, HOST_PORT)),
                RuleCase.finds(
                        "a hostPort with maxSurge 1",
                        patched(CLEAN_DAEMON_SET, HOST_PORT, SURGE_ONE),
                        Severity.ERROR,
                        "spec.template.spec.containers[0].ports[1].hostPort",
                        "hostPort 9100 with maxSurge 1"),
                RuleCase.finds(
                        "a hostNetwork pod's container port is a host port",
                        patched(
                                CLEAN_DAEMON_SET,
                                "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 10%}},"
                                        + " template: {spec: {hostNetwork: true, containers: [{name: c, image: a:1,"
                                        + " ports: [{containerPort: 9100}]}]}}}"),
                        Severity.ERROR,
                        "spec.template.spec.containers[0].ports[0].hostPort",
                        "maxSurge 10%"),
                RuleCase.none(
                        "maxSurge 0% is no surge",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PORT,
                                "spec: {updateStrategy: {rollingUpdate: {maxSurge: 0%}}}")),
                RuleCase.none("surge without a hostPort", patched(CLEAN_DAEMON_SET, SURGE_ONE)));
    }

    static Stream<RuleCase> readinessCases() {
        return Stream.of(
                RuleCase.none("surge with a readiness probe", patched(CLEAN_DAEMON_SET, SURGE_ONE)),
                RuleCase.finds(
                        "surge without a readiness probe",
                        patched(
                                CLEAN_DAEMON_SET,
                                SURGE_ONE,
                                "spec: {template: {spec: {containers: [{name: cache, image: a:1}]}}}"),
                        Severity.WARNING,
                        "spec.template.spec.containers[0].readinessProbe",
                        "container \"cache\" has no readinessProbe"),
                RuleCase.none(
                        "no readiness probe without surge",
                        patched(
                                CLEAN_DAEMON_SET,
                                "spec: {template: {spec: {containers: [{name: cache, image: a:1}]}}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostPortCases")
    void aSurgeRolloutCannotBindAHostPortTwice(RuleCase c) {
        c.check(new HostPortWithSurge());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readinessCases")
    void aSurgeRolloutNeedsAReadinessProbe(RuleCase c) {
        c.check(new SurgeWithoutReadiness());
    }
}
