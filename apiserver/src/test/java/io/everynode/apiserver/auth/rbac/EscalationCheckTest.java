package io.everynode.apiserver.auth.rbac;

import static io.everynode.apiserver.auth.rbac.InProcess.call;
import static io.everynode.apiserver.auth.rbac.InProcess.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
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

/** Escalation prevention through the API, as a user who may write roles and bindings in "team". */
class EscalationCheckTest {
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
    private static final UserInfo ALICE = user("alice");
    private Store store;
    private ApiServer api;

    @BeforeEach
    void start() {
        store = Stores.open(StoreConfig.memory(), Clock.systemUTC());
        api = new ApiServer(ApiServerConfig.defaults(), store, Clock.systemUTC());
        admin("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
        admin(
                RBAC + "/namespaces/team/roles",
                "{\"metadata\":{\"name\":\"rbac-writer\"},\"rules\":["
                        + "{\"verbs\":[\"create\",\"update\",\"get\"],\"apiGroups\":[\"rbac.authorization.k8s.io\"],"
                        + "\"resources\":[\"roles\",\"rolebindings\"]},"
                        + "{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]}");
        admin(RBAC + "/namespaces/team/rolebindings", binding("rbac-writer", "Role", "rbac-writer", "alice"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.access()
                        .decide(RequestAttributes.resource(
                                ALICE, "create", "rbac.authorization.k8s.io", "roles", "", "team", ""))
                        .allowed());
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    private void admin(String path, String json) {
        assertThat(call(api, UserInfo.APISERVER, "POST", path, json).code()).isEqualTo(201);
    }

    private static String binding(String name, String kind, String role, String user) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\","
                + "\"kind\":\"" + kind + "\",\"name\":\"" + role + "\"},\"subjects\":[{\"kind\":\"User\",\"name\":\""
                + user + "\"}]}";
    }

    @Test
    void aRoleWithinWhatTheWriterHoldsIsCreated() {
        String role = "{\"metadata\":{\"name\":\"pod-lister\"},\"rules\":[{\"verbs\":[\"list\"],"
                + "\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]}";
        assertThat(call(api, ALICE, "POST", RBAC + "/namespaces/team/roles", role)
                        .code())
                .isEqualTo(201);
    }

    @Test
    void updatingARoleBeyondWhatTheWriterHoldsIsRefusedAndNothingIsWritten() {
        admin(RBAC + "/namespaces/team/roles", "{\"metadata\":{\"name\":\"r\"},\"rules\":[]}");
        String wider = "{\"metadata\":{\"name\":\"r\"},\"rules\":[{\"verbs\":[\"delete\"],"
                + "\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}]}";
        InProcess.Reply r = call(api, ALICE, "PUT", RBAC + "/namespaces/team/roles/r", wider);
        assertThat(r.code()).isEqualTo(403);
        assertThat(r.json().path("message").asString())
                .isEqualTo("roles.rbac.authorization.k8s.io \"r\" is forbidden: user \"alice\""
                        + " (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently"
                        + " held:\n{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}");
        assertThat(call(api, UserInfo.APISERVER, "GET", RBAC + "/namespaces/team/roles/r", null)
                        .json()
                        .path("rules"))
                .isEmpty();
    }

    @Test
    void bindingARoleTheWriterDoesNotHoldNeedsBindOnIt() {
        admin(
                RBAC + "/clusterroles",
                "{\"metadata\":{\"name\":\"secret-reader\"},\"rules\":[{\"verbs\":[\"get\"],"
                        + "\"apiGroups\":[\"\"],\"resources\":[\"secrets\"]}]}");
        InProcess.Reply refused = call(
                api,
                ALICE,
                "POST",
                RBAC + "/namespaces/team/rolebindings",
                binding("b", "ClusterRole", "secret-reader", "bob"));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json().path("message").asString())
                .startsWith("rolebindings.rbac.authorization.k8s.io \"b\" is forbidden: user \"alice\"")
                .endsWith("is attempting to grant RBAC permissions not currently held:\n"
                        + "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}");

        admin(
                RBAC + "/namespaces/team/roles",
                "{\"metadata\":{\"name\":\"binder\"},\"rules\":[{\"verbs\":[\"bind\"],"
                        + "\"apiGroups\":[\"rbac.authorization.k8s.io\"],\"resources\":[\"clusterroles\"],"
                        + "\"resourceNames\":[\"secret-reader\"]}]}");
        admin(RBAC + "/namespaces/team/rolebindings", binding("binder", "Role", "binder", "alice"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> call(
                                        api,
                                        ALICE,
                                        "POST",
                                        RBAC + "/namespaces/team/rolebindings",
                                        binding("b", "ClusterRole", "secret-reader", "bob"))
                                .code()
                        == 201);
    }

    @Test
    void bindingARoleTheWriterHoldsNeedsNoBind() {
        assertThat(call(
                                api,
                                ALICE,
                                "POST",
                                RBAC + "/namespaces/team/rolebindings",
                                binding("again", "Role", "rbac-writer", "carol"))
                        .code())
                .isEqualTo(201);
    }

    @Test
    void anAggregationRuleNeedsEscalate() {
        String role = "{\"metadata\":{\"name\":\"agg\"},\"aggregationRule\":{\"clusterRoleSelectors\":[]}}";
        admin(
                RBAC + "/clusterroles",
                "{\"metadata\":{\"name\":\"cr-writer\"},\"rules\":[{\"verbs\":[\"create\"],"
                        + "\"apiGroups\":[\"rbac.authorization.k8s.io\"],\"resources\":[\"clusterroles\"]}]}");
        admin(RBAC + "/clusterrolebindings", binding("cr-writer", "ClusterRole", "cr-writer", "alice"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(call(api, ALICE, "POST", RBAC + "/clusterroles", role)
                                .json()
                                .path("message")
                                .asString())
                        .isEqualTo("clusterroles.rbac.authorization.k8s.io \"agg\" is forbidden: must have"
                                + " cluster-admin privileges to use the aggregationRule"));
    }
}
