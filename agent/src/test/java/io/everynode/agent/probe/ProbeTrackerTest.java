package io.everynode.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.probe.ProbeResult.Outcome;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeTrackerTest {
    private final ManualClock clock = new ManualClock();

    private static ProbeSpec spec(int success, int failure) {
        return new ProbeSpec(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), success, failure);
    }

    /**
     * Outcomes in, results out: S success, F failure. Each row: probe kind, thresholds, the
     * attempts' outcomes, and the result after each attempt.
     */
    static Stream<Arguments> thresholds() {
        return Stream.of(
                Arguments.of(ProbeKind.READINESS, 1, 3, "S", "S"),
                Arguments.of(ProbeKind.READINESS, 1, 3, "FFF", "FFF"),
                Arguments.of(ProbeKind.READINESS, 1, 3, "SFFFS", "SSSFS"),
                Arguments.of(ProbeKind.READINESS, 1, 3, "SFFSFFF", "SSSSSSF"),
                Arguments.of(ProbeKind.READINESS, 2, 1, "SSFSS", "FSFFS"),
                Arguments.of(ProbeKind.READINESS, 3, 2, "SSFSSS", "FFFFFS"),
                Arguments.of(ProbeKind.LIVENESS, 1, 3, "FF", "SS"),
                Arguments.of(ProbeKind.LIVENESS, 1, 3, "FFSFFF", "SSSSSF"),
                Arguments.of(ProbeKind.LIVENESS, 1, 1, "SF", "SF"),
                Arguments.of(ProbeKind.STARTUP, 1, 3, "FFS", "UUS"),
                Arguments.of(ProbeKind.STARTUP, 1, 2, "FF", "UF"));
    }

    @ParameterizedTest(name = "{0} success {1} failure {2}: {3} gives {4}")
    @MethodSource("thresholds")
    void theResultFlipsOnlyAfterThresholdConsecutiveOutcomes(
            ProbeKind kind, int success, int failure, String outcomes, String expected) {
        ProbeTracker t = new ProbeTracker(kind, spec(success, failure), clock.instant());
        List<String> seen = new ArrayList<>();
        for (char c : outcomes.toCharArray()) {
            t.record(c == 'S' ? Outcome.SUCCESS : Outcome.FAILURE);
            seen.add(t.result().name().substring(0, 1));
        }
        assertThat(String.join("", seen)).isEqualTo(expected);
    }

    @Test
    void initialResultsAreNotReadyAliveAndNotStarted() {
        assertThat(new ProbeTracker(ProbeKind.READINESS, spec(1, 3), clock.instant()).result())
                .isEqualTo(Outcome.FAILURE);
        assertThat(new ProbeTracker(ProbeKind.LIVENESS, spec(1, 3), clock.instant()).result())
                .isEqualTo(Outcome.SUCCESS);
        assertThat(new ProbeTracker(ProbeKind.STARTUP, spec(1, 3), clock.instant()).result())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void recordAnswersWhetherTheResultChanged() {
        ProbeTracker t = new ProbeTracker(ProbeKind.READINESS, spec(1, 2), clock.instant());
        assertThat(t.record(Outcome.SUCCESS)).isTrue();
        assertThat(t.record(Outcome.SUCCESS)).isFalse();
        assertThat(t.record(Outcome.FAILURE)).isFalse();
        assertThat(t.record(Outcome.FAILURE)).isTrue();
    }

    @Test
    void unknownOutcomesAreNotCountedAndDoNotBreakARun() {
        ProbeTracker t = new ProbeTracker(ProbeKind.LIVENESS, spec(1, 2), clock.instant());
        t.record(Outcome.FAILURE);
        t.record(Outcome.UNKNOWN);
        t.record(Outcome.FAILURE);
        assertThat(t.result()).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void theFirstAttemptIsDueAfterTheInitialDelayFromWhenTheContainerStartedRunning() {
        Instant started = clock.instant();
        ProbeTracker t = new ProbeTracker(
                ProbeKind.READINESS,
                new ProbeSpec(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3),
                started);
        clock.advance(Duration.ofSeconds(4));
        assertThat(t.due(clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.due(clock.instant())).isTrue();
        assertThat(t.dueAt()).isEqualTo(started.plusSeconds(5));
    }

    @Test
    void eachNextAttemptIsDueOnePeriodAfterThePreviousOneBegan() {
        ProbeTracker t = new ProbeTracker(ProbeKind.LIVENESS, spec(1, 3), clock.instant());
        clock.advance(Duration.ofSeconds(2));
        t.attempted(clock.instant());
        Instant attempt = clock.instant();
        clock.advance(Duration.ofSeconds(9));
        assertThat(t.due(clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.due(clock.instant())).isTrue();
        assertThat(t.dueAt()).isEqualTo(attempt.plusSeconds(10));
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of(ProbeKind.LIVENESS, Outcome.FAILURE, true),
                Arguments.of(ProbeKind.STARTUP, Outcome.FAILURE, true),
                Arguments.of(ProbeKind.STARTUP, Outcome.SUCCESS, true),
                Arguments.of(ProbeKind.READINESS, Outcome.FAILURE, false),
                Arguments.of(ProbeKind.READINESS, Outcome.SUCCESS, false));
    }

    @ParameterizedTest(name = "{0} reaching {1}: done {2}")
    @MethodSource("endings")
    void livenessAndStartupStopAtTheirVerdictReadinessNever(ProbeKind kind, Outcome outcome, boolean done) {
        ProbeTracker t = new ProbeTracker(kind, spec(1, 1), clock.instant());
        if (kind == ProbeKind.READINESS && outcome == Outcome.FAILURE) t.record(Outcome.SUCCESS);
        t.record(outcome);
        assertThat(t.done()).isEqualTo(done);
        assertThat(t.due(clock.instant().plusSeconds(3600))).isEqualTo(!done);
    }

    @Test
    void specDefaultsAreTheApisDefaults() {
        ProbeSpec s = ProbeSpec.of(new ProbeBuilder().build());
        assertThat(s).isEqualTo(new ProbeSpec(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3));
        ProbeSpec set = ProbeSpec.of(new ProbeBuilder()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(2)
                .withTimeoutSeconds(3)
                .withSuccessThreshold(2)
                .withFailureThreshold(4)
                .build());
        assertThat(set)
                .isEqualTo(new ProbeSpec(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(3), 2, 4));
    }
}
