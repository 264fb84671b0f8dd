package io.everynode.dashboard.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.testkit.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sessions a signed-in client certificate gets, as the API's authenticator chain sees them. */
class SessionsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final UserInfo ADMIN =
            new UserInfo("kubernetes-admin", "", List.of("system:masters", "system:authenticated"), Map.of());

    private final ManualClock clock = new ManualClock(NOW);
    private final Sessions sessions = new Sessions(clock, Duration.ofHours(1), new SecureRandom());

    @Test
    void anIssuedTokenAuthenticatesAsTheUserItWasIssuedFor() {
        Sessions.Issued s = sessions.issue(ADMIN, NOW.plus(Duration.ofDays(365)));

        assertThat(s.token()).startsWith(Sessions.PREFIX);
        assertThat(s.expires()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(sessions.authenticate(bearer(s.token()))).contains(ADMIN);
    }

    @Test
    void aSessionEndsWithTheCertificateWhenThatComesFirst() {
        Sessions.Issued s = sessions.issue(ADMIN, NOW.plus(Duration.ofMinutes(5)));

        assertThat(s.expires()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> sessions.authenticate(bearer(s.token())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
    }

    @Test
    void anExpiredOrUnknownSessionIsRefusedNotAnonymous() {
        Sessions.Issued s = sessions.issue(ADMIN, null);
        clock.set(NOW.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> sessions.authenticate(bearer(s.token()))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> sessions.authenticate(bearer(Sessions.PREFIX + "forged")))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void anEndedSessionIsRefused() {
        Sessions.Issued s = sessions.issue(ADMIN, null);

        sessions.end(s.token());

        assertThatThrownBy(() -> sessions.authenticate(bearer(s.token()))).isInstanceOf(ApiException.class);
    }

    @Test
    void otherCredentialsAreNotTheSessionsToJudge() {
        assertThat(sessions.authenticate(bearer("eyJhbGciOi.a-service-account.token")))
                .isEmpty();
        assertThat(sessions.authenticate(request(Map.of()))).isEmpty();
        assertThat(sessions.authenticate(request(Map.of("authorization", "Basic YTpi"))))
                .isEmpty();
    }

    @Test
    void twoSessionsOfOneUserHaveDifferentTokens() {
        assertThat(sessions.issue(ADMIN, null).token())
                .isNotEqualTo(sessions.issue(ADMIN, null).token());
    }

    private static ApiRequest bearer(String token) {
        return request(Map.of("authorization", "Bearer " + token));
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("GET", "/api/v1/nodes", Map.of(), headers, null);
    }
}
