package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.CLEAN_DEPLOYMENT;
import static io.everynode.advisor.lint.Manifests.patched;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoPriorityClassTest {
    private static final String PATH = "spec.template.spec.priorityClassName";
    private static final String NO_CLASS = "spec: {template: {spec: {priorityClassName: null}}}";

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.none("a DaemonSet with a class", patched(CLEAN_DAEMON_SET)),
                RuleCase.finds(
                        "no class on a DaemonSet not clearly critical is info",
                        patched(CLEAN_DAEMON_SET, NO_CLASS),
                        Severity.INFO,
                        PATH,
                        "no priorityClassName:"),
                RuleCase.finds(
                        "no class on a host-PID agent is a warning",
                        patched(CLEAN_DAEMON_SET, NO_CLASS, "spec: {template: {spec: {hostPID: true}}}"),
                        Severity.WARNING,
                        PATH,
                        "a node agent: hostPID"),
                RuleCase.finds(
                        "no class in kube-system is a warning",
                        patched(CLEAN_DAEMON_SET, NO_CLASS, "metadata: {namespace: kube-system}"),
                        Severity.WARNING,
                        PATH,
                        "namespace kube-system"),
                RuleCase.none("a Deployment is not asked", patched(CLEAN_DEPLOYMENT, NO_CLASS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aDaemonSetWithoutPriorityClassIsFlaggedByHowCriticalItLooks(RuleCase c) {
        c.check(new NoPriorityClass());
    }
}
