package io.everynode.apiserver.auth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class BootstrapTokenAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final BootstrapToken TOKEN =
            BootstrapToken.parse("abcdef.0123456789abcdef").orElseThrow();

    private final ManualClock clock = new ManualClock(NOW);
    private final Map<String, ObjectNode> secrets = new HashMap<>();
    private final BootstrapTokenAuthenticator authenticator = new BootstrapTokenAuthenticator(secrets::get, clock);

    @Test
    void aLiveTokenIsItsBootstrapUserInTheBootstrappersAndItsExtraGroups() {
        store(BootstrapTokenSecret.of(
                        TOKEN,
                        NOW.plus(Duration.ofHours(1)),
                        List.of("authentication", "signing"),
                        List.of("system:bootstrappers:kubeadm:default-node-token"),
                        "")
                .data());
        UserInfo user =
                authenticator.authenticate(bearer("abcdef.0123456789abcdef")).orElseThrow();
        assertThat(user.name()).isEqualTo("system:bootstrap:abcdef");
        assertThat(user.groups())
                .containsExactly(
                        "system:bootstrappers",
                        "system:bootstrappers:kubeadm:default-node-token",
                        "system:authenticated");
    }

    @Test
    void requestsWithoutABearerTokenOfTheFormAreNotItsToJudge() {
        assertThat(authenticator.authenticate(request(Map.of()))).isEmpty();
        assertThat(authenticator.authenticate(request(Map.of("authorization", "Basic YWRtaW46YWRtaW4="))))
                .isEmpty();
        assertThat(authenticator.authenticate(bearer("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .isEmpty();
    }

    @Test
    void anUnknownTokenIsRefused() {
        assertRefused("abcdef.0123456789abcdef");
    }

    @Test
    void aWrongSecretIsRefused() {
        store(live().data());
        assertRefused("abcdef.0123456789abcdeg");
    }

    @Test
    void aTokenIsRefusedFromItsExpirationOn() {
        store(BootstrapTokenSecret.of(TOKEN, NOW.plusSeconds(60), List.of("authentication"), List.of(), "")
                .data());
        assertThat(authenticator.authenticate(bearer(TOKEN.toString()))).isPresent();
        clock.advance(Duration.ofSeconds(60));
        assertRefused(TOKEN.toString());
    }

    @Test
    void aTokenWithoutTheAuthenticationUsageIsRefused() {
        store(BootstrapTokenSecret.of(TOKEN, null, List.of("signing"), List.of(), "")
                .data());
        assertRefused(TOKEN.toString());
    }

    @Test
    void anExtraGroupOutsideTheBootstrappersIsRefused() {
        store(BootstrapTokenSecret.of(TOKEN, null, List.of("authentication"), List.of("system:masters"), "")
                .data());
        assertRefused(TOKEN.toString());
    }

    @Test
    void aSecretOfAnotherTypeOrBeingDeletedIsRefused() {
        store(live().data());
        secrets.get(TOKEN.secretName()).put("type", "Opaque");
        assertRefused(TOKEN.toString());
        store(live().data());
        ((ObjectNode) secrets.get(TOKEN.secretName()).get("metadata")).put("deletionTimestamp", NOW.toString());
        assertRefused(TOKEN.toString());
    }

    private static BootstrapTokenSecret live() {
        return BootstrapTokenSecret.of(TOKEN, null, List.of("authentication"), List.of(), "");
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("Unauthorized");
                });
    }

    private void store(Map<String, String> data) {
        ObjectNode s = Json.object();
        s.put("apiVersion", "v1");
        s.put("kind", "Secret");
        s.putObject("metadata").put("name", TOKEN.secretName()).put("namespace", "kube-system");
        s.put("type", BootstrapTokenSecret.TYPE);
        ObjectNode d = s.putObject("data");
        data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(TOKEN.secretName(), s);
    }

    private static ApiRequest bearer(String token) {
        return request(Map.of("authorization", "Bearer " + token));
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("GET", "/api/v1/pods", Map.of(), headers, null);
    }
}
