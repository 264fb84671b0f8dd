package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionTest {

    private final Retention retention =
            new Retention(Duration.ofMinutes(5), 1000, new ManualClock(Instant.parse("2025-01-01T00:10:00Z")));

    @ParameterizedTest(name = "current {0}, last before cutoff {1}, previous {2} -> {3}")
    @CsvSource({
        // current, lastBeforeCutoff, previous, expected
        "500,   500,  0,    0", // fewer than 1000 revisions: keep all
        "1500,  0,    0,    0", // nothing older than 5 minutes: keep all
        "1500,  1500, 0,    500", // all old: keep the last 1000
        "2000,  500,  0,    500", // many recent: keep the last 5 minutes
        "2000,  500,  700,  700", // never backwards
        "1000,  1000, 0,    0", // exactly 1000 revisions: keep all
    })
    void theCompactRevisionKeepsBothTheLastFiveMinutesAndTheLast1000Revisions(
            long current, long lastBeforeCutoff, long previous, long expected) {
        assertThat(retention.target(current, lastBeforeCutoff, previous)).isEqualTo(expected);
    }

    @Test
    void theCutoffIsTheWindowBeforeNow() {
        assertThat(retention.cutoffMillis())
                .isEqualTo(Instant.parse("2025-01-01T00:05:00Z").toEpochMilli());
    }
}
