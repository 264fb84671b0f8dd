package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.client.Backoff;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopBackoffTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final Backoff<String> b = PodPlan.crashLoopBackoff(clock);

    /** Crashes one second after each restart: answers the waits between exit and restart. */
    private List<Long> waitsOfCrashingContainer(int crashes) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            Instant exited = clock.advance(Duration.ofSeconds(1));
            Instant at = b.retryAt("uid/main", exited);
            waits.add(Duration.between(exited, at).toSeconds());
            clock.set(at);
            b.next("uid/main");
        }
        return waits;
    }

    @Test
    void theFirstRestartIsImmediateThenTheWaitDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(waitsOfCrashingContainer(10)).containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L);
    }

    @Test
    void aContainerThatRanForTenMinutesStartsTheBackOffOver() {
        b.next("uid/main");
        clock.advance(Duration.ofSeconds(11));
        b.next("uid/main");
        assertThat(b.retryAt("uid/main", T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(50));
        Instant muchLater = T0.plusSeconds(11 + 601);
        assertThat(b.retryAt("uid/main", muchLater)).isEqualTo(muchLater);
    }

    @Test
    void forgettingAPodClearsItsContainersOnly() {
        b.next("a/main");
        b.next("b/main");
        b.resetWhere(k -> k.startsWith("a/"));
        assertThat(b.retryAt("a/main", T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
        assertThat(b.retryAt("b/main", T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(11));
    }
}
