package io.everynode.apiserver.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.testkit.ManualClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TokenRequestAndAuthenticationTest {
    private static final KeyPair KEYS = Keys.rsa();
    private static final String TOKEN_PATH = "/api/v1/namespaces/team/serviceaccounts/builder/token";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private InProcessApi server;
    private ObjectNode account;

    @BeforeEach
    void start() {
        server = new InProcessApi(KEYS, clock);
        server.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
        account = server.create("/api/v1/namespaces/team/serviceaccounts", "{\"metadata\":{\"name\":\"builder\"}}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ObjectNode request(String spec) {
        return server.create(
                TOKEN_PATH,
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\"," + "\"spec\":" + spec + "}");
    }

    private ObjectNode pod(String name, String serviceAccount) {
        return server.create(
                "/api/v1/namespaces/team/pods",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"serviceAccountName\":\"" + serviceAccount
                        + "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
    }

    private UserInfo authenticate(String token) {
        return server.api.access().authenticate(server.withToken(token));
    }

    private static String token(ObjectNode tokenRequest) {
        return tokenRequest.path("status").path("token").asString();
    }

    @Test
    void aTokenRequestAnswersWithUpstreamsDefaultsAndAnHourLongToken() {
        ObjectNode answer = request("{}");

        assertThat(answer.path("kind").asString()).isEqualTo("TokenRequest");
        assertThat(answer.path("apiVersion").asString()).isEqualTo("authentication.k8s.io/v1");
        assertThat(answer.at("/spec/audiences/0").asString()).isEqualTo("https://kubernetes.default.svc.cluster.local");
        assertThat(answer.at("/spec/expirationSeconds").asLong()).isEqualTo(3600);
        assertThat(answer.at("/status/expirationTimestamp").asString()).isEqualTo("2026-12-04T11:00:00Z");
        assertThat(token(answer)).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void theTokenAuthenticatesAsTheServiceAccountWithUpstreamsGroups() {
        UserInfo user = authenticate(token(request("{}")));

        assertThat(user.name()).isEqualTo("system:serviceaccount:team:builder");
        assertThat(user.uid()).isEqualTo(account.at("/metadata/uid").asString());
        assertThat(user.groups())
                .containsExactly("system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated");
        assertThat(user.extra()).containsOnlyKeys("authentication.kubernetes.io/credential-id");
        assertThat(user.extra()
                        .get("authentication.kubernetes.io/credential-id")
                        .get(0))
                .startsWith("JTI=");
    }

    @Test
    void aTokenShorterThanTenMinutesIsRefusedWithUpstreamsMessage() {
        InProcessApi.Reply r = server.call("POST", TOKEN_PATH, "{\"spec\":{\"expirationSeconds\":100}}");

        assertThat(r.code()).isEqualTo(422);
        assertThat(r.json().path("message").asString())
                .isEqualTo("TokenRequest.authentication.k8s.io \"builder\" is invalid: spec.expirationSeconds: "
                        + "Invalid value: 100: may not specify a duration less than 10 minutes");
        assertThat(r.json().at("/details/causes/0/field").asString()).isEqualTo("spec.expirationSeconds");
    }

    @Test
    void aTokenForAMissingServiceAccountIsNotFound() {
        InProcessApi.Reply r =
                server.call("POST", "/api/v1/namespaces/team/serviceaccounts/ghost/token", "{\"spec\":{}}");

        assertThat(r.code()).isEqualTo(404);
        assertThat(r.json().path("message").asString()).isEqualTo("serviceaccounts \"ghost\" not found");
    }

    @Test
    void aPodBoundTokenNamesThePodInTheUsersExtraValues() {
        ObjectNode pod = pod("web-1", "builder");
        String podUid = pod.at("/metadata/uid").asString();

        UserInfo user = authenticate(token(request("{\"boundObjectRef\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"name\":\"web-1\",\"uid\":\"" + podUid + "\"}}")));

        assertThat(user.extra().get("authentication.kubernetes.io/pod-name")).containsExactly("web-1");
        assertThat(user.extra().get("authentication.kubernetes.io/pod-uid")).containsExactly(podUid);
    }

    @Test
    void aTokenCannotBeBoundToAPodOfAnotherServiceAccount() {
        pod("other-1", "default");

        InProcessApi.Reply r = server.call(
                "POST", TOKEN_PATH, "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"name\":\"other-1\"}}}");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("message").asString())
                .isEqualTo("cannot bind token for serviceaccount \"builder\" to pod running with different"
                        + " serviceaccount name.");
    }

    @Test
    void aBoundObjectWithAnotherUidIsAConflict() {
        pod("web-2", "builder");

        InProcessApi.Reply r = server.call(
                "POST",
                TOKEN_PATH,
                "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"name\":\"web-2\",\"uid\":\"not-its-uid\"}}}");

        assertThat(r.code()).isEqualTo(409);
        assertThat(r.json().path("message").asString()).contains("the UID in the bound object reference (not-its-uid)");
    }

    @Test
    void aTokenCannotBeBoundToAConfigMap() {
        InProcessApi.Reply r = server.call(
                "POST", TOKEN_PATH, "{\"spec\":{\"boundObjectRef\":{\"kind\":\"ConfigMap\",\"name\":\"x\"}}}");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("message").asString())
                .isEqualTo("cannot bind token to object of type /v1, Kind=ConfigMap");
    }

    @Test
    void aPodBoundTokenStopsWorkingWhenThePodIsDeleted() {
        pod("web-3", "builder");
        String token = token(request("{\"boundObjectRef\":{\"kind\":\"Pod\",\"name\":\"web-3\"}}"));
        assertThat(authenticate(token).name()).isEqualTo("system:serviceaccount:team:builder");

        server.call("DELETE", "/api/v1/namespaces/team/pods/web-3", "{\"gracePeriodSeconds\":0}");

        // seen through the watch cache, a moment after the store (see below)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertUnauthorized(token));
    }

    @Test
    void aTokenStopsWorkingWhenItsServiceAccountIsRecreated() {
        String token = token(request("{}"));

        server.call("DELETE", "/api/v1/namespaces/team/serviceaccounts/builder", null);
        // The authenticator reads accounts from the watch cache (as upstream's does from its
        // informer), which shows the delete a moment after the store.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertUnauthorized(token));
        server.create("/api/v1/namespaces/team/serviceaccounts", "{\"metadata\":{\"name\":\"builder\"}}");

        assertUnauthorized(token);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String token = token(request("{\"expirationSeconds\":600}"));

        clock.advance(Duration.ofMinutes(12));

        assertUnauthorized(token);
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() {
        TokenClaims claims = new TokenClaims(
                "https://kubernetes.default.svc.cluster.local",
                List.of("https://kubernetes.default.svc.cluster.local"),
                clock.instant(),
                clock.instant().plusSeconds(3600),
                "forged",
                "team",
                new TokenClaims.Ref("builder", account.at("/metadata/uid").asString()),
                null,
                null,
                null);

        assertUnauthorized(new TokenSigner(Keys.rsa()).sign(claims));
    }

    @Test
    void aServerWithoutAKeyServesNoTokenRequests() {
        try (InProcessApi open = new InProcessApi(null, clock)) {
            open.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
            open.create("/api/v1/namespaces/team/serviceaccounts", "{\"metadata\":{\"name\":\"builder\"}}");

            InProcessApi.Reply r = open.call("POST", TOKEN_PATH, "{\"spec\":{}}");

            assertThat(r.code()).isEqualTo(404);
        }
    }

    private void assertUnauthorized(String token) {
        assertThatThrownBy(() -> authenticate(token))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
    }
}
