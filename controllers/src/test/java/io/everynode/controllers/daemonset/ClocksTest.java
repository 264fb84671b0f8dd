package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expectations (R2.9, R2.11) and the failed-pod back-off's keys (R2.7; its timing is client's BackoffTest). */
class ClocksTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void expectationsAreSatisfiedOnceEveryWriteIsObserved() {
        Expectations e = new Expectations(clock, Duration.ofMinutes(5));
        assertThat(e.satisfied("k")).isTrue();
        e.expect("k", 2, 1);
        assertThat(e.satisfied("k")).isFalse();
        e.creationObserved("k");
        e.creationObserved("k");
        assertThat(e.satisfied("k")).isFalse();
        e.deletionObserved("k");
        assertThat(e.satisfied("k")).isTrue();
    }

    @Test
    void loweringExpectationsGivesBackWritesNeverIssued() {
        Expectations e = new Expectations(clock, Duration.ofMinutes(5));
        e.expect("k", 5, 0);
        e.lower("k", 5, 0);
        assertThat(e.satisfied("k")).isTrue();
    }

    @Test
    void expectationsExpireAfterTheTtlAndNotBefore() {
        Expectations e = new Expectations(clock, Duration.ofMinutes(5));
        e.expect("k", 1, 0);
        clock.advance(Duration.ofMinutes(5));
        assertThat(e.satisfied("k")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(e.satisfied("k")).isTrue();
    }

    @Test
    void forgettingAKeyClearsItsExpectations() {
        Expectations e = new Expectations(clock, Duration.ofMinutes(5));
        e.expect("k", 1, 1);
        e.delete("k");
        assertThat(e.satisfied("k")).isTrue();
    }

    @Test
    void backoffKeysIncludeTheObservedGenerationSoASpecChangeResetsThem() {
        assertThat(ManagePlanner.backoffKey("uid", 3L, "n")).isEqualTo("uid/3/n");
        assertThat(ManagePlanner.backoffKey("uid", null, "n")).isEqualTo("uid/0/n");
        assertThat(ManagePlanner.backoffKey("uid", 4L, "n")).isNotEqualTo(ManagePlanner.backoffKey("uid", 3L, "n"));
    }
}
