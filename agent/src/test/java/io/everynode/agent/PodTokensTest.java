package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.ApiError;
import io.everynode.client.IssuedToken;
import io.everynode.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodTokensTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final PodTokens tokens = new PodTokens();
    private int fetched;
    private boolean refuse;

    private final PodTokens.Fetch api = (audience, seconds) -> {
        if (refuse) throw new ApiError(403, "Forbidden", "serviceaccounts \"builder\" is forbidden", null);
        fetched++;
        return new IssuedToken("token-" + fetched, clock.instant().plusSeconds(seconds));
    };

    private String token() throws PodSources.Missing {
        return new String(tokens.token(api, clock, "kube-api-access-x", null, 1000), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenIsFetchedOnceAndReusedUntilEightyPercentOfItsLife() throws Exception {
        assertThat(token()).isEqualTo("token-1");
        assertThat(tokens.nextRefresh()).contains(clock.instant().plusSeconds(800));

        clock.advance(Duration.ofSeconds(799));
        assertThat(token()).isEqualTo("token-1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(token()).isEqualTo("token-2");
        assertThat(fetched).isEqualTo(2);
    }

    @Test
    void aRefusedRefreshKeepsTheTokenWhileItIsStillValid() throws Exception {
        token();
        refuse = true;
        clock.advance(Duration.ofSeconds(900));

        assertThat(token()).isEqualTo("token-1");

        clock.advance(Duration.ofSeconds(100));
        assertThatThrownBy(this::token)
                .isInstanceOf(PodSources.Missing.class)
                .hasMessageStartingWith("failed to fetch token: ");
    }

    @Test
    void noTokenHeldMeansNoRefreshDue() {
        assertThat(tokens.nextRefresh()).isEmpty();
    }
}
