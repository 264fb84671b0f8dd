package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashBackoffTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Crashes right after each restart: answers the waits between exit and restart. */
    private static List<Long> waitsOfCrashingContainer(int crashes) {
        CrashBackoff b = new CrashBackoff();
        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            Instant exited = now.plusSeconds(1);
            Instant at = b.restartAt("uid/main", exited);
            waits.add(Duration.between(exited, at).toSeconds());
            b.restarted("uid/main", at);
            now = at;
        }
        return waits;
    }

    @Test
    void theFirstRestartIsImmediateThenTheWaitDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(waitsOfCrashingContainer(10)).containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L);
    }

    @Test
    void aContainerThatRanForTenMinutesStartsTheBackOffOver() {
        CrashBackoff b = new CrashBackoff();
        b.restarted("uid/main", T0);
        b.restarted("uid/main", T0.plusSeconds(11));
        assertThat(b.restartAt("uid/main", T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(50));
        Instant muchLater = T0.plusSeconds(11 + 601);
        assertThat(b.restartAt("uid/main", muchLater)).isEqualTo(muchLater);
    }

    @Test
    void forgettingAPodClearsItsContainersOnly() {
        CrashBackoff b = new CrashBackoff();
        b.restarted("a/main", T0);
        b.restarted("b/main", T0);
        b.forget("a/");
        assertThat(b.restartAt("a/main", T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
        assertThat(b.restartAt("b/main", T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(11));
    }
}
