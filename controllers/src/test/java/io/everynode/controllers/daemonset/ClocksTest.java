package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The two time-driven helpers: expectations (R2.9, R2.11) and failed-pod back-off (R2.7). */
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
    void backoffDoublesFromOneSecondAndIsCappedAtTheMaximum() {
        FailedPodBackoff b = new FailedPodBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(10));
        String key = FailedPodBackoff.key("uid", 3L, "node");
        assertThat(b.inBackoff(key)).isFalse();
        Duration[] want = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10)};
        for (Duration d : want) {
            b.next(key);
            assertThat(b.delay(key)).isEqualTo(d);
            assertThat(b.inBackoff(key)).isTrue();
            clock.advance(d);
            assertThat(b.inBackoff(key)).isFalse();
        }
    }

    @Test
    void backoffKeysIncludeTheObservedGenerationSoASpecChangeResetsThem() {
        assertThat(FailedPodBackoff.key("uid", 3L, "n")).isEqualTo("uid/3/n");
        assertThat(FailedPodBackoff.key("uid", 4L, "n")).isNotEqualTo(FailedPodBackoff.key("uid", 3L, "n"));
    }

    @Test
    void idleBackoffEntriesAreCollectedAfterTwiceTheMaximum() {
        FailedPodBackoff b = new FailedPodBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(10));
        b.next("k");
        clock.advance(Duration.ofSeconds(20));
        b.gc();
        assertThat(b.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        b.gc();
        assertThat(b.size()).isZero();
    }
}
