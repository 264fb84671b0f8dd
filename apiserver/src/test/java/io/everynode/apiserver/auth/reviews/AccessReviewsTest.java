package io.everynode.apiserver.auth.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AccessReviewsTest {
    private static final String AUTHZ = "/apis/authorization.k8s.io/v1";
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

    private record Reply(int code, ObjectNode body) {}

    private Reply post(UserInfo user, String path, String json) {
        Reply[] r = new Reply[1];
        ApiRequest req = new ApiRequest(
                "POST",
                path,
                Map.of(),
                Map.of("content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8),
                List.of(),
                user);
        api.handle(req, new ApiResponse() {
            @Override
            public void send(int status, String contentType, byte[] body) {
                r[0] = new Reply(status, (ObjectNode) Json.parse(body));
            }

            @Override
            public Stream stream(int status, String contentType) {
                throw new UnsupportedOperationException();
            }
        });
        return r[0];
    }

    @Test
    void aSubjectAccessReviewAnswersForTheUserItNames() {
        Reply masters = post(
                UserInfo.APISERVER,
                AUTHZ + "/subjectaccessreviews",
                "{\"spec\":{\"user\":\"root\",\"groups\":[\"system:masters\"],"
                        + "\"resourceAttributes\":{\"verb\":\"delete\",\"resource\":\"nodes\"}}}");
        assertThat(masters.code()).isEqualTo(201);
        assertThat(masters.body().at("/status/allowed").asBoolean()).isTrue();
        Reply nobody = post(
                UserInfo.APISERVER,
                AUTHZ + "/subjectaccessreviews",
                "{\"spec\":{\"user\":\"nobody\",\"resourceAttributes\":{\"verb\":\"delete\",\"resource\":\"nodes\"}}}");
        assertThat(nobody.body().at("/status/allowed").asBoolean()).isFalse();
        assertThat(nobody.body().path("kind").asString()).isEqualTo("SubjectAccessReview");
        Reply discovery = post(
                UserInfo.APISERVER,
                AUTHZ + "/subjectaccessreviews",
                "{\"spec\":{\"user\":\"nobody\",\"groups\":[\"system:authenticated\"],"
                        + "\"nonResourceAttributes\":{\"verb\":\"get\",\"path\":\"/apis\"}}}");
        assertThat(discovery.body().at("/status/allowed").asBoolean()).isTrue();
        assertThat(discovery.body().at("/status/reason").asString())
                .isEqualTo(
                        "RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\""
                                + " to Group \"system:authenticated\"");
    }

    @Test
    void aReviewWithoutAUserOrWithBothAttributeKindsIsInvalid() {
        Reply r = post(
                UserInfo.APISERVER,
                AUTHZ + "/subjectaccessreviews",
                "{\"spec\":{\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\"},"
                        + "\"nonResourceAttributes\":{\"verb\":\"get\",\"path\":\"/\"}}}");
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.body().at("/details/causes/0/field").asString()).isEqualTo("spec.resourceAttributes");
        assertThat(r.body().at("/details/causes/1/field").asString()).isEqualTo("spec.user");
    }

    @Test
    void aLocalReviewIsConfinedToThePathsNamespace() {
        Reply r = post(
                UserInfo.APISERVER,
                AUTHZ + "/namespaces/a/localsubjectaccessreviews",
                "{\"spec\":{\"user\":\"u\",\"resourceAttributes\":{\"namespace\":\"b\",\"verb\":\"get\","
                        + "\"resource\":\"pods\"}}}");
        assertThat(r.code()).isEqualTo(422);
        Reply ok = post(
                UserInfo.APISERVER,
                AUTHZ + "/namespaces/a/localsubjectaccessreviews",
                "{\"spec\":{\"user\":\"u\",\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\"}}}");
        assertThat(ok.code()).isEqualTo(201);
        assertThat(ok.body().at("/spec/resourceAttributes/namespace").asString())
                .isEqualTo("a");
    }

    @Test
    void aSelfReviewAsksAboutTheCallerAndNothingIsStored() {
        UserInfo alice = UserInfo.authenticated("alice", "", List.of(), Map.of());
        Reply r = post(
                alice,
                AUTHZ + "/selfsubjectaccessreviews",
                "{\"spec\":{\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"secrets\",\"namespace\":\"x\"}}}");
        assertThat(r.code()).isEqualTo(201);
        assertThat(r.body().at("/status/allowed").asBoolean()).isFalse();
        Reply rules = post(alice, AUTHZ + "/selfsubjectrulesreviews", "{\"spec\":{\"namespace\":\"x\"}}");
        assertThat(rules.body().at("/status/resourceRules").toString())
                .contains("selfsubjectaccessreviews")
                .doesNotContain("secrets");
        assertThat(rules.body().at("/status/nonResourceRules").toString()).contains("/version");
        assertThat(rules.body().at("/status/incomplete").asBoolean()).isFalse();
    }
}
