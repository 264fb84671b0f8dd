package io.everynode.apiserver.auth.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeAuthorizerTest {
    static final UserInfo NODE_A = UserInfo.authenticated("system:node:a", "", List.of(UserInfo.NODES), Map.of());

    private NodeAuthorizer authorizer;

    @BeforeEach
    void graph() {
        NodeGraph g = new NodeGraph();
        g.putPod(
                "ns/on-a",
                NodeGraphTest.pod(
                        "on-a",
                        "a",
                        "{\"serviceAccountName\":\"sa\",\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"mine\"}},"
                                + "{\"name\":\"c\",\"configMap\":{\"name\":\"cm\"}}]}"));
        g.putPod(
                "ns/on-b",
                NodeGraphTest.pod(
                        "on-b", "b", "{\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"theirs\"}}]}"));
        authorizer = new NodeAuthorizer(g);
    }

    private Authorizer.Decision ask(
            UserInfo u, String verb, String group, String resource, String sub, String ns, String name) {
        return authorizer.authorize(RequestAttributes.resource(u, verb, group, resource, sub, ns, name));
    }

    private Authorizer.Decision ask(String verb, String resource, String sub, String ns, String name) {
        return ask(NODE_A, verb, "", resource, sub, ns, name);
    }

    @Test
    void usersThatAreNoNodeGetNoOpinionAndNoReason() {
        UserInfo alice = UserInfo.authenticated("alice", "", List.of(), Map.of());
        UserInfo nodeNameOutsideTheGroup = UserInfo.authenticated("system:node:a", "", List.of(), Map.of());
        assertThat(ask(alice, "get", "", "secrets", "", "ns", "mine")).isEqualTo(Authorizer.Decision.NO_OPINION);
        assertThat(ask(nodeNameOutsideTheGroup, "get", "", "secrets", "", "ns", "mine"))
                .isEqualTo(Authorizer.Decision.NO_OPINION);
    }

    @Test
    void aNodeUserWithoutANameIsUnknown() {
        UserInfo nameless = UserInfo.authenticated("system:node:", "", List.of(UserInfo.NODES), Map.of());
        Authorizer.Decision d = ask(nameless, "get", "", "pods", "", "ns", "on-a");
        assertThat(d.kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(d.reason()).isEqualTo("unknown node for user \"system:node:\"");
    }

    @Test
    void aNodeReadsTheSecretsAndConfigMapsOfItsPodsByNameOnly() {
        assertThat(ask("get", "secrets", "", "ns", "mine").allowed()).isTrue();
        assertThat(ask("watch", "secrets", "", "ns", "mine").allowed()).isTrue();
        assertThat(ask("list", "configmaps", "", "ns", "cm").allowed()).isTrue();

        Authorizer.Decision theirs = ask("get", "secrets", "", "ns", "theirs");
        assertThat(theirs.kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(theirs.reason()).isEqualTo("no relationship found between node 'a' and this object");
        assertThat(ask("list", "secrets", "", "ns", "").reason()).isEqualTo("No Object name found");
        assertThat(ask("list", "secrets", "", "", "").reason())
                .isEqualTo("can only read namespaced object of this type");
        assertThat(ask("update", "secrets", "", "ns", "mine").reason())
                .isEqualTo("can only read resources of this type");
    }

    @Test
    void aNodeCreatesTokensOnlyForTheServiceAccountsOfItsPods() {
        assertThat(ask("create", "serviceaccounts", "token", "ns", "sa").allowed())
                .isTrue();
        assertThat(ask("create", "serviceaccounts", "token", "ns", "default").reason())
                .isEqualTo("no relationship found between node 'a' and this object");
        assertThat(ask("get", "serviceaccounts", "", "ns", "sa").reason())
                .isEqualTo("can only create tokens for individual service accounts");
    }

    @Test
    void aNodeUsesOnlyItsOwnLeaseInTheNodeLeaseNamespace() {
        assertThat(ask(NODE_A, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "a")
                        .allowed())
                .isTrue();
        assertThat(ask(NODE_A, "update", "coordination.k8s.io", "leases", "", "kube-node-lease", "b")
                        .reason())
                .isEqualTo("can only access node lease with the same name as the requesting node");
        assertThat(ask(NODE_A, "get", "coordination.k8s.io", "leases", "", "default", "a")
                        .reason())
                .isEqualTo("can only access leases in the \"kube-node-lease\" system namespace");
        assertThat(ask(NODE_A, "list", "coordination.k8s.io", "leases", "", "kube-node-lease", "")
                        .reason())
                .isEqualTo("can only get, create, update, patch, or delete a node lease");
    }

    @Test
    void everyNodeHasTheNodeRulesAndNothingElse() {
        assertThat(ask("create", "nodes", "", "", "").allowed()).isTrue();
        assertThat(ask("patch", "nodes", "status", "", "b").allowed()).isTrue(); // NodeRestriction limits it
        assertThat(ask("list", "pods", "", "", "").allowed()).isTrue();
        assertThat(ask("patch", "pods", "status", "ns", "on-b").allowed()).isTrue();
        assertThat(ask("create", "pods", "eviction", "ns", "on-a").allowed()).isTrue();
        assertThat(ask("create", "events", "", "ns", "").allowed()).isTrue();
        assertThat(ask(NODE_A, "create", "certificates.k8s.io", "certificatesigningrequests", "", "", "")
                        .allowed())
                .isTrue();

        assertThat(ask("update", "pods", "", "ns", "on-a").kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(ask("delete", "nodes", "", "", "a").kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(ask(NODE_A, "list", "apps", "daemonsets", "", "", "").kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
        assertThat(ask("create", "pods", "binding", "ns", "on-a").kind()).isEqualTo(Authorizer.Kind.NO_OPINION);
    }
}
