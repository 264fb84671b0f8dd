package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClockWaitIT {
    private final ManualClock clock = new ManualClock();

    @Test
    void aWaitWhoseDeadlineHasPassedOnTheClockChecksOnceAndGivesUp() {
        AtomicInteger checks = new AtomicInteger();
        ClockWait wait = new ClockWait(clock, Duration.ofHours(1));
        boolean done = wait.until(clock.instant(), () -> checks.incrementAndGet() < 0, List::of);
        assertThat(done).isFalse();
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWaitEndsWhenTheProcessItWaitsOnExitsThoughTheClockStandsStill() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "read x").start(); // exits when its stdin closes
        ClockWait wait = new ClockWait(clock, Duration.ofHours(1)); // a slice that would outlast the test
        p.getOutputStream().close();
        boolean done =
                wait.until(clock.instant().plus(Duration.ofSeconds(1)), () -> !p.isAlive(), () -> List.of(p.onExit()));
        assertThat(done).isTrue();
    }
}
