package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadIdleTimerTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger idled = new AtomicInteger();
    private final ReadIdleTimer timer = new ReadIdleTimer(clock, Duration.ofSeconds(10), idled::incrementAndGet);

    @Test
    void silenceUpToTheTimeoutIsFine() {
        clock.advance(Duration.ofSeconds(10));

        assertThat(timer.check()).isFalse();
        assertThat(idled).hasValue(0);
    }

    @Test
    void silenceLongerThanTheTimeoutCallsOnIdleOnce() {
        clock.advance(Duration.ofSeconds(11));

        assertThat(timer.check()).isTrue();
        assertThat(timer.check()).isFalse();
        assertThat(idled).hasValue(1);
    }

    @Test
    void eachReadStartsTheSilenceAgain() {
        clock.advance(Duration.ofSeconds(6));
        timer.touch();
        clock.advance(Duration.ofSeconds(6));

        assertThat(timer.check()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(timer.check()).isTrue();
    }

    @Test
    void aStoppedTimerNeverCallsOnIdle() {
        timer.stop();
        clock.advance(Duration.ofMinutes(5));

        assertThat(timer.check()).isFalse();
        assertThat(idled).hasValue(0);
    }
}
