package io.everynode.apiserver.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyRuleTest {
    static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("dev"), Map.of());

    static PolicyRule rule(String yamlRule) {
        String policy = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  " + yamlRule + "\n";
        return AuditPolicyReader.parse(policy.getBytes(StandardCharsets.UTF_8))
                .rules()
                .get(0);
    }

    /** "verb group:resource[/sub] ns name" for a resource request, or "verb /path" for another. */
    static RequestAttributes request(String spec) {
        String[] p = spec.split(" ");
        if (p[1].startsWith("/")) return new RequestAttributes(ALICE, p[0], false, "", "", "", "", "", "", p[1]);
        String group = p[1].substring(0, p[1].indexOf(':'));
        String[] rs = p[1].substring(p[1].indexOf(':') + 1).split("/");
        return RequestAttributes.resource(
                ALICE,
                p[0],
                group,
                rs[0],
                rs.length > 1 ? rs[1] : "",
                p.length > 2 ? p[2] : "",
                p.length > 3 ? p[3] : "");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            'users: [alice]'                                          | get :pods default web        | true
            'users: [bob]'                                            | get :pods default web        | false
            'userGroups: [dev]'                                       | get :pods default web        | true
            'userGroups: [system:authenticated]'                      | get :pods default web        | true
            'userGroups: [system:masters]'                            | get :pods default web        | false
            'verbs: [get, list]'                                      | list :pods default           | true
            'verbs: [get, list]'                                      | watch :pods default          | false
            'resources: [{group: \"\", resources: [secrets]}]'         | get :secrets default s       | true
            'resources: [{group: \"\", resources: [secrets]}]'         | get :configmaps default s    | false
            'resources: [{group: \"\"}]'                              | get :configmaps default s    | true
            'resources: [{group: \"\"}]'                              | get apps:daemonsets ns d     | false
            'resources: [{group: apps, resources: [\"*\"]}]'           | get apps:daemonsets ns d     | true
            'resources: [{group: \"\", resources: [pods]}]'            | get :pods/log default web    | false
            'resources: [{group: \"\", resources: [pods/log]}]'        | get :pods/log default web    | true
            'resources: [{group: \"\", resources: [\"pods/*\"]}]'      | get :pods/status default web | true
            'resources: [{group: \"\", resources: [\"*/status\"]}]'    | get :pods/status default web | true
            'resources: [{group: \"\", resources: [\"*/status\"]}]'    | get :pods/log default web    | false
            'resources: [{group: \"\", resources: [configmaps], resourceNames: [kube-root-ca.crt]}]' | get :configmaps ns kube-root-ca.crt | true
            'resources: [{group: \"\", resources: [configmaps], resourceNames: [kube-root-ca.crt]}]' | get :configmaps ns other | false
            'namespaces: [kube-system]'                               | get :pods kube-system p      | true
            'namespaces: [kube-system]'                               | get :pods default p          | false
            'namespaces: [\"\"]'                                      | get :nodes                   | true
            'namespaces: [kube-system]'                               | get /healthz                 | false
            'nonResourceURLs: [/healthz]'                             | get /healthz                 | true
            'nonResourceURLs: [\"/api*\"]'                            | get /apis/apps/v1            | true
            'nonResourceURLs: [\"*\"]'                                | get /version                 | true
            'nonResourceURLs: [\"*\"]'                                | get :pods default p          | false
            'verbs: [get]'                                            | get /version                 | true
            """)
    void aRuleMatchesAsUpstreamsChecker(String rule, String request, boolean matches) {
        assertThat(rule(rule).matches(request(request))).isEqualTo(matches);
    }

    @Test
    void theFirstMatchingRuleGivesTheLevelAndItsOmittedStagesAddToThePolicys() {
        String yaml = """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                - level: None
                  users: [system:kube-proxy]
                - level: RequestResponse
                  resources: [{group: "", resources: [secrets]}]
                  omitStages: [ResponseStarted]
                - level: Metadata
                  resources: [{group: "", resources: [secrets, configmaps]}]
                """;
        AuditPolicy policy = AuditPolicyReader.parse(yaml.getBytes(StandardCharsets.UTF_8));
        AuditPolicy.Applied secrets = policy.apply(request("get :secrets default s"));
        assertThat(secrets.level()).isEqualTo(AuditLevel.REQUEST_RESPONSE);
        assertThat(secrets.omitStages())
                .containsExactlyInAnyOrder(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_STARTED);
        assertThat(policy.apply(request("get :configmaps default c")).level()).isEqualTo(AuditLevel.METADATA);
        assertThat(policy.apply(request("get :pods default p")).level())
                .as("no rule: not logged")
                .isEqualTo(AuditLevel.NONE);
    }
}
