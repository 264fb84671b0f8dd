package io.everynode.controllers.bootstrapsigner;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCleanerTest {
    private static final BootstrapToken TOKEN =
            BootstrapToken.parse("abcdef.0123456789abcdef").orElseThrow();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));

    @Test
    void aTokenIsLookedAtAgainWhenItExpiresAndDeletedFromThenOn() {
        BootstrapTokenSecret t = BootstrapTokenSecret.of(
                TOKEN, clock.instant().plus(Duration.ofHours(24)), List.of("authentication"), List.of(), "");
        assertThat(TokenCleaner.judge(t, clock.instant()))
                .isEqualTo(new TokenCleaner.RecheckAfter(Duration.ofHours(24)));
        clock.advance(Duration.ofHours(23).plusMinutes(30));
        assertThat(TokenCleaner.judge(t, clock.instant()))
                .isEqualTo(new TokenCleaner.RecheckAfter(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));
        assertThat(TokenCleaner.judge(t, clock.instant())).isEqualTo(new TokenCleaner.Delete());
    }

    @Test
    void aTokenWithoutExpirationIsKept() {
        BootstrapTokenSecret t = BootstrapTokenSecret.of(TOKEN, null, List.of("authentication"), List.of(), "");
        assertThat(TokenCleaner.judge(t, clock.instant())).isEqualTo(new TokenCleaner.Keep());
    }
}
