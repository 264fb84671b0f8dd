package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.testkit.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTokensTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final BootstrapTokens tokens = new BootstrapTokens(null, clock, new SecureRandom());

    @Test
    void theTableHasKubeadmsColumnsAndTtlCountsDownOnTheClock() {
        BootstrapTokenSecret day = BootstrapTokenSecret.of(
                BootstrapToken.parse("abcdef.0123456789abcdef").orElseThrow(),
                clock.instant().plus(Duration.ofHours(24)),
                List.of("signing", "authentication"),
                List.of("system:bootstrappers:kubeadm:default-node-token"),
                "");
        BootstrapTokenSecret forever = BootstrapTokenSecret.of(
                BootstrapToken.parse("ghijkl.0123456789abcdef").orElseThrow(),
                null,
                List.of("signing"),
                List.of(),
                "cluster-info only");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.table(List.of(day, forever))).isEqualTo("""
                        TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION         EXTRA GROUPS
                        abcdef.0123456789abcdef   23h         2026-12-05T12:00:00Z   authentication,signing   <none>              system:bootstrappers:kubeadm:default-node-token
                        ghijkl.0123456789abcdef   <forever>   <never>                signing                  cluster-info only
                        """);
        clock.advance(Duration.ofHours(25));
        assertThat(tokens.table(List.of(day))).contains(" <invalid> ");
    }

    @Test
    void shortHumanDurationsAreUpstreams() {
        assertThat(BootstrapTokens.shortHuman(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(BootstrapTokens.shortHuman(Duration.ofMillis(-500))).isEqualTo("0s");
        assertThat(BootstrapTokens.shortHuman(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(BootstrapTokens.shortHuman(Duration.ofMinutes(59))).isEqualTo("59m");
        assertThat(BootstrapTokens.shortHuman(Duration.ofHours(23).plusMinutes(59)))
                .isEqualTo("23h");
        assertThat(BootstrapTokens.shortHuman(Duration.ofHours(49))).isEqualTo("2d");
        assertThat(BootstrapTokens.shortHuman(Duration.ofDays(800))).isEqualTo("2y");
    }
}
