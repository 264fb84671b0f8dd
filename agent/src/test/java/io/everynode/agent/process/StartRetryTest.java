package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartRetryTest {
    private final ManualClock clock = new ManualClock();
    private final StartRetry retry = new StartRetry(clock, Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void theDelayDoublesUpToItsMaximum() {
        assertThat(retry.firstTry()).isTrue();
        retry.failed(clock.instant());
        assertThat(retry.firstTry()).isFalse();
        assertThat(retry.due(clock.advance(Duration.ofSeconds(9)))).isFalse();
        assertThat(retry.due(clock.advance(Duration.ofSeconds(1)))).isTrue();
        retry.failed(clock.instant());
        assertThat(retry.due(clock.advance(Duration.ofSeconds(19)))).isFalse();
        assertThat(retry.due(clock.advance(Duration.ofSeconds(1)))).isTrue();
        retry.failed(clock.instant()); // 40 s, capped at 30
        assertThat(retry.due(clock.advance(Duration.ofSeconds(30)))).isTrue();
    }

    @Test
    void aStartedTryLeavesNothingDueAndAResetStartsTheBackOffOver() {
        retry.failed(clock.instant());
        retry.failed(clock.instant());
        retry.started();
        assertThat(retry.due(clock.advance(Duration.ofMinutes(5)))).isFalse();
        retry.reset();
        assertThat(retry.firstTry()).isTrue();
        retry.failed(clock.instant());
        assertThat(retry.due(clock.advance(Duration.ofSeconds(10)))).isTrue();
    }
}
