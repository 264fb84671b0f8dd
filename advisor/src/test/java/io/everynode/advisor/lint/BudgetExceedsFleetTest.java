package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.CLEAN_DAEMON_SET;
import static io.everynode.advisor.lint.Manifests.patched;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class BudgetExceedsFleetTest {
    private static final String PATH = "spec.updateStrategy.rollingUpdate.maxUnavailable";

    private static ObjectNode maxUnavailable(String value) {
        return patched(CLEAN_DAEMON_SET, "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: " + value + "}}}");
    }

    private static Node node(String name, String role) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("role", role)
                .endMetadata()
                .build();
    }

    static Stream<RuleCase> cases() {
        LintContext ten = LintContext.ofNodeCount(10);
        // Four nodes, two of which the DaemonSet below selects: its fleet is two nodes (R1.3).
        LintContext fourNodes = LintContext.ofNodes(
                List.of(node("a", "edge"), node("b", "edge"), node("c", "core"), node("d", "core")));
        ObjectNode edgeOnlyTwo = patched(
                CLEAN_DAEMON_SET,
                "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 2}}, template: {spec: {nodeSelector: {role: edge}}}}");
        return Stream.of(
                RuleCase.none("the default budget of one node (R5.1)", patched(CLEAN_DAEMON_SET)),
                RuleCase.none("a quarter of the fleet", maxUnavailable("25%")),
                RuleCase.finds(
                        "half the fleet, fleet unknown", maxUnavailable("50%"), Severity.WARNING, PATH, "50% or more"),
                RuleCase.finds(
                        "the whole fleet, fleet unknown", maxUnavailable("100%"), Severity.ERROR, PATH, "every node"),
                RuleCase.finds(
                        "a large absolute number, fleet unknown",
                        maxUnavailable("11"),
                        Severity.INFO,
                        PATH,
                        "give --nodes N"),
                RuleCase.none("an absolute number at the bound", maxUnavailable("10")),
                RuleCase.none(
                        "OnDelete has no rolling budget (R5.7)",
                        patched(CLEAN_DAEMON_SET, "spec: {updateStrategy: {type: OnDelete}}")),
                RuleCase.finds("five of ten nodes", maxUnavailable("5"), ten, Severity.WARNING, PATH, "5 of 10 nodes"),
                RuleCase.none("four of ten nodes", maxUnavailable("4"), ten),
                RuleCase.finds("ten of ten nodes", maxUnavailable("10"), ten, Severity.ERROR, PATH, "all 10 nodes"),
                RuleCase.finds(
                        "34% of three nodes rounds up to two (R5.2)",
                        maxUnavailable("34%"), LintContext.ofNodeCount(3), Severity.WARNING, PATH, "2 of 3 nodes"),
                RuleCase.none(
                        "one of two nodes is the least a rollout can take",
                        maxUnavailable("1"),
                        LintContext.ofNodeCount(2)),
                RuleCase.none("two of ten nodes", edgeOnlyTwo, ten),
                RuleCase.finds(
                        "on a cluster only the nodes the DaemonSet would run on count (R1.6)",
                        edgeOnlyTwo,
                        fourNodes,
                        Severity.ERROR,
                        PATH,
                        "all 2 nodes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRolloutBudgetIsJudgedAgainstTheFleetItCanLose(RuleCase c) {
        c.check(new BudgetExceedsFleet());
    }
}
