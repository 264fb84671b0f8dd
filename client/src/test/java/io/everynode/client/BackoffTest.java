package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    private final ManualClock clock = new ManualClock();

    @ParameterizedTest(name = "failure {0} waits {1} ms")
    @CsvSource({
        "1, 5",
        "2, 10",
        "3, 20",
        "4, 40",
        "10, 2560",
        "18, 655360",
        "19, 1000000", // 1310720 ms is over the 1000 s cap
        "40, 1000000",
        "100, 1000000",
    })
    void theNthFailureWaitsTheInitialDelayTimesTwoToTheNMinusOneUpToTheCap(int failure, long millis) {
        Backoff<String> b = new Backoff<>(clock, Duration.ofMillis(5), Duration.ofSeconds(1000), 2.0, Backoff.NEVER);
        Duration last = null;
        for (int i = 0; i < failure; i++) last = b.next("k");
        assertThat(last).isEqualTo(Duration.ofMillis(millis));
        assertThat(b.failures("k")).isEqualTo(failure);
    }

    @Test
    void resettingAKeyStartsItsBackOffAgainAndLeavesOtherKeysAlone() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofMillis(5), Duration.ofSeconds(1000));
        b.next("a");
        b.next("a");
        b.next("b");
        b.reset("a");
        assertThat(b.failures("a")).isZero();
        assertThat(b.next("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(b.next("b")).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aKeyIsInBackOffUntilItsDelayHasPassedOnTheClock() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(b.isInBackoff("k")).isFalse();
        for (long s : new long[] {1, 2, 4, 8, 10, 10}) {
            b.next("k");
            assertThat(b.delay("k")).isEqualTo(Duration.ofSeconds(s));
            assertThat(b.isInBackoff("k")).isTrue();
            clock.advance(Duration.ofSeconds(s).minusMillis(1));
            assertThat(b.isInBackoff("k")).isTrue();
            clock.advance(Duration.ofMillis(1));
            assertThat(b.isInBackoff("k")).isFalse();
        }
    }

    @Test
    void aKeyIdleForLongerThanTheResetIntervalStartsOverAndIsCollected() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(1), Duration.ofSeconds(10));
        b.next("k");
        b.next("k");
        clock.advance(Duration.ofSeconds(20));
        b.gc();
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.delay("k")).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(1));
        b.gc();
        assertThat(b.size()).isZero();
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutAnIdleResetAKeyKeepsItsDelayHoweverLongItWaits() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, Backoff.NEVER);
        b.next("k");
        clock.advance(Duration.ofDays(365));
        b.gc();
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAtCountsTheDelayFromTheEventUnlessTheKeyWasIdleLongEnoughAtThatEvent() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(10), Duration.ofMinutes(5));
        Instant t0 = clock.instant();
        assertThat(b.retryAt("uid/main", t0)).isEqualTo(t0);
        b.next("uid/main");
        assertThat(b.retryAt("uid/main", t0.plusSeconds(3))).isEqualTo(t0.plusSeconds(13));
        Instant afterTenMinutesRunning = t0.plusSeconds(601);
        assertThat(b.retryAt("uid/main", afterTenMinutesRunning)).isEqualTo(afterTenMinutesRunning);
    }

    @Test
    void aFactorOtherThanTwoGrowsByThatFactor() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(2), Duration.ofSeconds(30), 3.0, Backoff.NEVER);
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(6));
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(18));
        assertThat(b.next("k")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void resetWhereClearsOnlyTheMatchingKeys() {
        Backoff<String> b = new Backoff<>(clock, Duration.ofSeconds(10), Duration.ofMinutes(5));
        b.next("a/main");
        b.next("a/side");
        b.next("b/main");
        b.resetWhere(k -> k.startsWith("a/"));
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.delay("b/main")).isEqualTo(Duration.ofSeconds(10));
    }
}
