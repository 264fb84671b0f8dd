package io.everynode.apiserver.auth.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyRuleTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of(), java.util.Map.of());

    /**
     * Rule columns are space-separated lists ("-" for none); the request is verb, group,
     * resource, subresource, name.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3} on {5} {6}/{7}/{8} {9} -> {10}")
    @CsvSource(
            delimiter = '|',
            value = {
                // verbs | groups | resources | names | request verb | group | resource | sub | name | allowed
                "get | '' | pods | - | get | '' | pods | '' | x | true",
                "get | '' | pods | - | list | '' | pods | '' | '' | false",
                "* | '' | pods | - | delete | '' | pods | '' | x | true",
                "get | apps | pods | - | get | '' | pods | '' | x | false",
                "get | * | pods | - | get | apps | pods | '' | x | true",
                "get | '' | * | - | get | '' | secrets | '' | s | true",
                "get | '' | * | - | get | '' | pods | log | x | true",
                "get | '' | pods | - | get | '' | pods | log | x | false",
                "get | '' | pods/log | - | get | '' | pods | log | x | true",
                "get | '' | pods/log | - | get | '' | pods | '' | x | false",
                "get update | * | */scale | - | update | apps | deployments | scale | d | true",
                "get | * | */scale | - | get | apps | deployments | '' | d | false",
                "get | '' | pods | x y | get | '' | pods | '' | y | true",
                "get | '' | pods | x y | get | '' | pods | '' | z | false",
                "list | '' | pods | x | list | '' | pods | '' | '' | false",
            })
    void resourceRulesMatchAsUpstreamsRuleAllows(
            String verbs,
            String groups,
            String resources,
            String names,
            String verb,
            String group,
            String resource,
            String sub,
            String name,
            boolean allowed) {
        PolicyRule rule = new PolicyRule(list(verbs), list(groups), list(resources), list(names), List.of());
        RequestAttributes a = RequestAttributes.resource(ALICE, verb, group, resource, sub, "ns", name);
        assertThat(rule.allows(a)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} {1} on {2} {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "get | /healthz | get | /healthz | true",
                "get | /healthz | post | /healthz | false",
                "get | /healthz | get | /healthz/ping | false",
                "get | /apis/* | get | /apis/apps/v1 | true",
                "get | /apis/* | get | /api | false",
                "* | * | post | /anything | true",
            })
    void nonResourceRulesMatchByPathWithATrailingStar(
            String verbs, String urls, String verb, String path, boolean allowed) {
        PolicyRule rule = PolicyRule.urls(list(verbs), list(urls));
        RequestAttributes a = new RequestAttributes(ALICE, verb, false, "", "", "", "", "", "", path);
        assertThat(rule.allows(a)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"get | /healthz | get | '' | pods"})
    void aUrlRuleNeverGrantsAResource(String verbs, String urls, String verb, String group, String resource) {
        PolicyRule rule = PolicyRule.urls(list(verbs), list(urls));
        assertThat(rule.allows(RequestAttributes.resource(ALICE, verb, group, resource, "", "", "")))
                .isFalse();
    }

    static List<String> list(String spaced) {
        if (spaced.equals("-")) return List.of();
        if (spaced.isEmpty()) return List.of("");
        return List.of(spaced.split(" "));
    }
}
