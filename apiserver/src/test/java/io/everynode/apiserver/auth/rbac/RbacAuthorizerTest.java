package io.everynode.apiserver.auth.rbac;

import static io.everynode.apiserver.auth.rbac.InProcess.call;
import static io.everynode.apiserver.auth.rbac.InProcess.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
    private Store store;
    private ApiServer api;

    @BeforeEach
    void start() {
        store = Stores.open(StoreConfig.memory(), Clock.systemUTC());
        api = new ApiServer(ApiServerConfig.defaults(), store, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    private void admin(String path, String json) {
        assertThat(call(api, UserInfo.APISERVER, "POST", path, json).code()).isEqualTo(201);
    }

    private Authorizer.Decision decide(UserInfo u, String verb, String group, String resource, String ns, String name) {
        return api.access().decide(RequestAttributes.resource(u, verb, group, resource, "", ns, name));
    }

    private boolean allowed(UserInfo u, String verb, String resource, String ns) {
        return decide(u, verb, "", resource, ns, "").allowed();
    }

    @Test
    void aRoleBindingToAClusterRoleGrantsItsRulesOnlyInTheBindingsNamespace() {
        UserInfo alice = user("alice");
        admin("/api/v1/namespaces", "{\"metadata\":{\"name\":\"a\"}}");
        admin(
                RBAC + "/clusterroles",
                "{\"metadata\":{\"name\":\"pod-reader\"},\"rules\":[{\"verbs\":[\"get\",\"list\"],"
                        + "\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]}");
        admin(
                RBAC + "/namespaces/a/rolebindings",
                "{\"metadata\":{\"name\":\"b\"},\"roleRef\":{\"apiGroup\":"
                        + "\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"pod-reader\"},"
                        + "\"subjects\":[{\"kind\":\"User\",\"name\":\"alice\"}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> allowed(alice, "list", "pods", "a"));
        assertThat(decide(alice, "get", "", "pods", "a", "x").reason())
                .isEqualTo("RBAC: allowed by RoleBinding \"b/a\" of ClusterRole \"pod-reader\" to User \"alice\"");
        assertThat(allowed(alice, "list", "pods", "default")).isFalse();
        assertThat(allowed(alice, "list", "pods", "")).isFalse();
        assertThat(allowed(alice, "delete", "pods", "a")).isFalse();
        assertThat(allowed(user("bob"), "list", "pods", "a")).isFalse();
    }

    @Test
    void aClusterRoleBindingToAGroupGrantsEverywhereAndIsRevokedWithTheBinding() {
        UserInfo ops = user("carol", "ops");
        admin(
                RBAC + "/clusterroles",
                "{\"metadata\":{\"name\":\"node-reader\"},\"rules\":[{\"verbs\":[\"get\"],"
                        + "\"apiGroups\":[\"\"],\"resources\":[\"nodes\",\"pods\"]}]}");
        admin(
                RBAC + "/clusterrolebindings",
                "{\"metadata\":{\"name\":\"ops\"},\"roleRef\":{\"apiGroup\":"
                        + "\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"node-reader\"},"
                        + "\"subjects\":[{\"kind\":\"Group\",\"name\":\"ops\"}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> allowed(ops, "get", "nodes", ""));
        assertThat(allowed(ops, "get", "pods", "anywhere")).isTrue();
        assertThat(call(api, UserInfo.APISERVER, "DELETE", RBAC + "/clusterrolebindings/ops", null)
                        .code())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !allowed(ops, "get", "nodes", ""));
    }

    @Test
    void aServiceAccountSubjectWithoutANamespaceIsTheBindingsNamespaces() {
        UserInfo sa = user("system:serviceaccount:a:robot", "system:serviceaccounts", "system:serviceaccounts:a");
        admin("/api/v1/namespaces", "{\"metadata\":{\"name\":\"a\"}}");
        admin(
                RBAC + "/namespaces/a/roles",
                "{\"metadata\":{\"name\":\"cm\"},\"rules\":[{\"verbs\":[\"get\"],"
                        + "\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"resourceNames\":[\"settings\"]}]}");
        admin(
                RBAC + "/namespaces/a/rolebindings",
                "{\"metadata\":{\"name\":\"cm\"},\"roleRef\":{\"apiGroup\":"
                        + "\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"cm\"},"
                        + "\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"robot\"}]}");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        decide(sa, "get", "", "configmaps", "a", "settings").allowed());
        assertThat(decide(sa, "get", "", "configmaps", "a", "other").allowed()).isFalse();
        assertThat(decide(user("robot"), "get", "", "configmaps", "a", "settings")
                        .allowed())
                .isFalse();
    }

    @Test
    void aBindingToARoleThatDoesNotExistGrantsNothing() {
        admin(
                RBAC + "/clusterrolebindings",
                "{\"metadata\":{\"name\":\"dangling\"},\"roleRef\":{\"apiGroup\":"
                        + "\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"nope\"},"
                        + "\"subjects\":[{\"kind\":\"User\",\"name\":\"dave\"}]}");
        admin(RBAC + "/clusterroles", "{\"metadata\":{\"name\":\"marker\"},\"rules\":[]}");
        assertThat(allowed(user("dave"), "get", "pods", "default")).isFalse();
    }

    @Test
    void theDefaultPolicyLetsEveryoneReadPublicInfoAndControllersDoTheirJob() {
        UserInfo anyone = user("erin");
        assertThat(api.access().decide(url(anyone, "/apis/apps/v1")).allowed()).isTrue();
        assertThat(api.access().decide(url(anyone, "/metrics")).allowed()).isFalse();
        assertThat(api.access().decide(url(UserInfo.ANONYMOUS, "/version")).allowed())
                .isTrue();
        assertThat(api.access().decide(url(UserInfo.ANONYMOUS, "/apis")).allowed())
                .isFalse();
        assertThat(decide(anyone, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "")
                        .allowed())
                .isTrue();
        UserInfo ds = user(BootstrapPolicy.controllerUser("daemon-set-controller"), "system:serviceaccounts");
        assertThat(allowed(ds, "create", "pods", "default")).isTrue();
        assertThat(allowed(ds, "get", "secrets", "default")).isFalse();
        assertThat(decide(user("system:kube-scheduler"), "create", "", "pods", "default", "p")
                        .allowed())
                .isFalse();
        assertThat(api.access()
                        .decide(RequestAttributes.resource(
                                user("system:kube-scheduler"), "create", "", "pods", "binding", "default", "p"))
                        .allowed())
                .isTrue();
    }

    private static RequestAttributes url(UserInfo u, String path) {
        return new RequestAttributes(u, "get", false, "", "", "", "", "", "", path);
    }
}
