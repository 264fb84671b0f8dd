package io.everynode.apiserver.auth.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static PolicyRule rule(String verbs, String groups, String resources) {
        return PolicyRule.resources(
                PolicyRuleTest.list(verbs), PolicyRuleTest.list(groups), PolicyRuleTest.list(resources));
    }

    @Test
    void rulesWithinTheOwnersAreCovered() {
        List<PolicyRule> owner = List.of(rule("get list", "", "pods secrets"), rule("*", "apps", "*"));
        assertThat(Coverage.missing(owner, List.of(rule("get", "", "pods"), rule("delete", "apps", "deployments"))))
                .isEmpty();
    }

    @Test
    void eachMissingPermissionIsReportedWithItsVerbsGathered() {
        List<PolicyRule> owner = List.of(rule("get", "", "pods"));
        assertThat(Coverage.missing(owner, List.of(rule("get list watch", "", "pods secrets"))))
                .extracting(PolicyRule::toString)
                .containsExactly(
                        "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"list\" \"watch\"]}",
                        "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"list\" \"watch\"]}");
    }

    @Test
    void aWildcardIsCoveredOnlyByAWildcard() {
        List<PolicyRule> owner = List.of(rule("get list watch create", "", "pods"));
        assertThat(Coverage.missing(owner, List.of(rule("*", "", "pods")))).hasSize(1);
        assertThat(Coverage.missing(owner, List.of(rule("get", "", "*")))).hasSize(1);
        assertThat(Coverage.missing(owner, List.of(rule("get", "*", "pods")))).hasSize(1);
    }

    @Test
    void namedRulesAreCoveredByUnnamedOrSameNamedOnes() {
        PolicyRule named = rule("get", "", "configmaps").withNames(List.of("a"));
        assertThat(Coverage.missing(List.of(rule("get", "", "configmaps")), List.of(named)))
                .isEmpty();
        assertThat(Coverage.missing(List.of(named), List.of(named))).isEmpty();
        assertThat(Coverage.missing(List.of(named), List.of(rule("get", "", "configmaps"))))
                .hasSize(1);
    }

    @Test
    void subresourcesAreCoveredByTheirWildcardForm() {
        assertThat(Coverage.missing(
                        List.of(rule("get", "*", "*/scale")), List.of(rule("get", "apps", "deployments/scale"))))
                .isEmpty();
        assertThat(Coverage.missing(List.of(rule("get", "", "pods")), List.of(rule("get", "", "pods/log"))))
                .hasSize(1);
    }

    @Test
    void urlsAreCoveredByPrefixRules() {
        List<PolicyRule> owner = List.of(PolicyRule.urls(List.of("get"), List.of("/apis/*")));
        assertThat(Coverage.missing(owner, List.of(PolicyRule.urls(List.of("get"), List.of("/apis/apps")))))
                .isEmpty();
        assertThat(Coverage.missing(owner, List.of(PolicyRule.urls(List.of("get"), List.of("/metrics")))))
                .extracting(PolicyRule::toString)
                .containsExactly("{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}");
    }
}
