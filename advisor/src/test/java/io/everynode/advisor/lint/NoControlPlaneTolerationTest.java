package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoControlPlaneTolerationTest {
    private static final String PATH = "spec.template.spec.tolerations";
    private static final String HOST_PATH = """
            spec: {template: {spec: {volumes: [{name: varlog, hostPath: {path: /var/log}}]}}}
            """;

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("a DaemonSet with no sign of a node agent", patched(CLEAN_DAEMON_SET)),
                RuleCase.finds(
                        "a hostPath volume reads as every node",
                        patched(CLEAN_DAEMON_SET, HOST_PATH),
                        Severity.WARNING,
                        PATH,
                        "hostPath volume varlog"),
                RuleCase.finds(
                        "kube-system reads as every node",
                        patched(CLEAN_DAEMON_SET, "metadata: {namespace: kube-system}"),
                        Severity.WARNING,
                        PATH,
                        "namespace kube-system"),
                RuleCase.finds(
                        "an exporter's name reads as every node",
                        patched(CLEAN_DAEMON_SET, "metadata: {name: node-exporter}"),
                        Severity.WARNING,
                        PATH,
                        "name node-exporter"),
                RuleCase.finds(
                        "the every-node intent annotation alone is enough",
                        patched(CLEAN_DAEMON_SET, "metadata: {annotations: {everynode.io/lint-intent: every-node}}"),
                        Severity.WARNING,
                        PATH,
                        "node-role.kubernetes.io/control-plane:NoSchedule"),
                RuleCase.finds(
                        "every-node intent wins over a nodeSelector",
                        patched(
                                CLEAN_DAEMON_SET,
                                "metadata: {annotations: {everynode.io/lint-intent: every-node}}",
                                "spec: {template: {spec: {nodeSelector: {role: edge}}}}"),
                        Severity.WARNING,
                        PATH,
                        "every-node"),
                RuleCase.none(
                        "the guide's control-plane toleration silences it",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PATH,
                                "spec: {template: {spec: {tolerations: [{key: node-role.kubernetes.io/control-plane,"
                                        + " operator: Exists, effect: NoSchedule}]}}}")),
                RuleCase.none(
                        "tolerating every taint silences it",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PATH,
                                "spec: {template: {spec: {tolerations: [{operator: Exists}]}}}")),
                RuleCase.finds(
                        "a NoExecute-only toleration does not tolerate the NoSchedule taint (R1.5)",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PATH,
                                "spec: {template: {spec: {tolerations: [{key: node-role.kubernetes.io/control-plane,"
                                        + " operator: Exists, effect: NoExecute}]}}}"),
                        Severity.WARNING,
                        PATH,
                        "hostPath"),
                RuleCase.none(
                        "a nodeSelector says the DaemonSet is for some nodes",
                        patched(CLEAN_DAEMON_SET, HOST_PATH, "spec: {template: {spec: {nodeSelector: {role: edge}}}}")),
                RuleCase.none(
                        "a required node affinity says the DaemonSet is for some nodes",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PATH,
                                "spec: {template: {spec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                                        + " {nodeSelectorTerms: [{matchExpressions: [{key: a, operator: Exists}]}]}}}}}}")),
                RuleCase.none(
                        "the selected-nodes intent annotation turns it off",
                        patched(
                                CLEAN_DAEMON_SET,
                                HOST_PATH,
                                "metadata: {annotations: {everynode.io/lint-intent: selected-nodes}}")),
                RuleCase.none(
                        "a Deployment is not asked to run everywhere", patched(Manifests.CLEAN_DEPLOYMENT, HOST_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aDaemonSetMeantForEveryNodeMustTolerateTheControlPlane(RuleCase c) {
        c.check(new NoControlPlaneToleration());
    }
}
