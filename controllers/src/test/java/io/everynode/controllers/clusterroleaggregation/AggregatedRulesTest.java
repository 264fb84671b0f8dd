package io.everynode.controllers.clusterroleaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatedRulesTest {
    private static PolicyRule rule(String resource, String... verbs) {
        return new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources(resource)
                .withVerbs(verbs)
                .build();
    }

    private static ClusterRole role(String name, Map<String, String> labels, PolicyRule... rules) {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withRules(rules)
                .build();
    }

    private static ClusterRole aggregate(String name, List<Map<String, String>> selectors) {
        ClusterRoleBuilder b = new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewAggregationRule()
                .endAggregationRule();
        for (Map<String, String> s : selectors)
            b.editAggregationRule()
                    .addToClusterRoleSelectors(
                            new LabelSelectorBuilder().withMatchLabels(s).build())
                    .endAggregationRule();
        return b.build();
    }

    private static final Map<String, String> VIEW = Map.of("rbac.example.com/aggregate-to-monitoring", "true");

    @Test
    void theRulesOfEveryMatchedRoleAreJoinedByRoleNameEachRuleOnce() {
        ClusterRole agg = aggregate("monitoring", List.of(VIEW));
        List<ClusterRole> all = List.of(
                agg,
                role("b-nodes", VIEW, rule("nodes", "get"), rule("pods", "list")),
                role("a-pods", VIEW, rule("pods", "list"), rule("pods", "watch")),
                role("unrelated", Map.of("x", "y"), rule("secrets", "get")));

        assertThat(AggregatedRules.of(agg, all))
                .containsExactly(rule("pods", "list"), rule("pods", "watch"), rule("nodes", "get"));
    }

    @Test
    void selectorsAreTakenInTheirOrder() {
        Map<String, String> second = Map.of("tier", "2");
        ClusterRole agg = aggregate("agg", List.of(second, VIEW));
        List<ClusterRole> all =
                List.of(agg, role("a", VIEW, rule("pods", "get")), role("z", second, rule("nodes", "get")));

        assertThat(AggregatedRules.of(agg, all)).containsExactly(rule("nodes", "get"), rule("pods", "get"));
    }

    @Test
    void anAggregateNeverTakesItsOwnRulesAndMatchesNothingLeavesNoRules() {
        ClusterRole agg = new ClusterRoleBuilder(aggregate("self", List.of(VIEW)))
                .editMetadata()
                .withLabels(VIEW)
                .endMetadata()
                .withRules(rule("pods", "get"))
                .build();

        assertThat(AggregatedRules.of(agg, List.of(agg))).isEmpty();
        assertThat(AggregatedRules.aggregated(agg)).isTrue();
        assertThat(AggregatedRules.aggregated(role("plain", VIEW))).isFalse();
    }

    @Test
    void rulesCompareByContentWithAbsentListsAsEmpty() {
        PolicyRule withNull = new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get")
                .build();
        withNull.setResourceNames(null);

        assertThat(AggregatedRules.same(List.of(withNull), List.of(rule("pods", "get"))))
                .isTrue();
        assertThat(AggregatedRules.same(List.of(rule("pods", "get")), List.of(rule("pods", "list"))))
                .isFalse();
        assertThat(AggregatedRules.same(null, List.of())).isTrue();
    }
}
