package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExponentialBackoffTest {

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
    void theNthFailureWaitsBaseTimesTwoToTheNMinusOneUpToTheCap(int failure, long millis) {
        ExponentialBackoff<String> b = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        Duration last = null;
        for (int i = 0; i < failure; i++) last = b.next("k");
        assertThat(last).isEqualTo(Duration.ofMillis(millis));
        assertThat(b.failures("k")).isEqualTo(failure);
    }

    @Test
    void forgettingAKeyStartsItsBackOffAgainAndLeavesOtherKeysAlone() {
        ExponentialBackoff<String> b = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        b.next("a");
        b.next("a");
        b.next("b");
        b.forget("a");
        assertThat(b.failures("a")).isZero();
        assertThat(b.next("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(b.next("b")).isEqualTo(Duration.ofMillis(10));
    }
}
