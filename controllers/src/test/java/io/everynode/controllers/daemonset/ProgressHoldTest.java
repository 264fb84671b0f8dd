package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * E1.2, E1.3, E1.7: the Progressing condition when the rollout waits by design (a soak, nodes held
 * by the partition, update selector or stages) and when it merely stalls. Pure: a table over
 * {@link RolloutProgress#decide}, then {@link DeadlineHold} on its own.
 */
class ProgressHoldTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int DEADLINE = 30;
    private static final RolloutProgress.Counters STUCK = new RolloutProgress.Counters(5, 2, 4);
    private static final RolloutProgress.Hold SOAK = new RolloutProgress.Hold(RolloutProgress.SOAKING, "soaking");
    private static final RolloutProgress.Hold HELD = new RolloutProgress.Hold(RolloutProgress.HELD, "held");

    private static DaemonSetCondition stored(String status, String reason, String message) {
        return RolloutProgress.condition(status, reason, message, T0);
    }

    static Stream<Arguments> table() {
        DaemonSetCondition updating = stored("True", RolloutProgress.UPDATED, "DaemonSet \"ds\" is progressing.");
        DaemonSetCondition soaking = stored("Unknown", RolloutProgress.SOAKING, "soaking");
        DaemonSetCondition held = stored("Unknown", RolloutProgress.HELD, "held");
        DaemonSetCondition timedOut = stored("False", RolloutProgress.TIMED_OUT, "timed out");
        return Stream.of(
                // why; stored condition; the hold now; seconds after T0 → status, reason, since (s after T0), event
                Arguments.of(
                        "a stall past the deadline times out",
                        updating,
                        null,
                        31,
                        "False",
                        "ProgressDeadlineExceeded",
                        31,
                        "ProgressDeadlineExceeded"),
                Arguments.of(
                        "a stall within the deadline waits", updating, null, 20, "True", "DaemonSetUpdated", 0, null),
                Arguments.of(
                        "a soak past the deadline is no stall",
                        updating,
                        SOAK,
                        31,
                        "Unknown",
                        "StageSoaking",
                        31,
                        null),
                Arguments.of(
                        "a partition holding every node left is no stall",
                        updating,
                        HELD,
                        300,
                        "Unknown",
                        "RolloutHeld",
                        300,
                        null),
                Arguments.of(
                        "a hold already stored keeps its time", held, HELD, 300, "Unknown", "RolloutHeld", 0, null),
                Arguments.of(
                        "a hold replaces a deadline exceeded before it",
                        timedOut,
                        HELD,
                        40,
                        "Unknown",
                        "RolloutHeld",
                        40,
                        null),
                Arguments.of(
                        "the end of a soak starts the deadline over",
                        soaking,
                        null,
                        300,
                        "True",
                        "DaemonSetUpdated",
                        300,
                        null),
                Arguments.of(
                        "the end of a hold starts the deadline over",
                        held,
                        null,
                        300,
                        "True",
                        "DaemonSetUpdated",
                        300,
                        null),
                Arguments.of(
                        "a soak that turns into a hold is a new condition",
                        soaking,
                        HELD,
                        90,
                        "Unknown",
                        "RolloutHeld",
                        90,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aRolloutThatWaitsByDesignIsHeldNotTimedOut(
            String why,
            DaemonSetCondition current,
            RolloutProgress.Hold hold,
            int at,
            String status,
            String reason,
            int since,
            String event) {
        RolloutProgress.Outcome o = RolloutProgress.decide(
                "ds",
                Optional.of(DEADLINE),
                false,
                current,
                STUCK,
                STUCK,
                false,
                true,
                () -> List.of("n1"),
                () -> Optional.ofNullable(hold),
                T0.plusSeconds(at));

        DaemonSetCondition c = o.condition().orElseThrow();
        assertThat(c.getStatus()).isEqualTo(status);
        assertThat(c.getReason()).isEqualTo(reason);
        assertThat(c.getLastTransitionTime()).isEqualTo(T0.plusSeconds(since).toString());
        assertThat(o.event().map(SyncPlan.Event::reason)).isEqualTo(Optional.ofNullable(event));
    }

    /** A sync at T0 with no condition stored yet. */
    private static RolloutProgress.Outcome first(
            Optional<Integer> deadline, boolean paused, RolloutProgress.Counters counters, RolloutProgress.Hold hold) {
        return RolloutProgress.decide(
                "ds", deadline, paused, null, counters, counters, false, true, List::of, () -> Optional.of(hold), T0);
    }

    @Test
    void aHeldRolloutAsksToBeWokenForNoDeadline() {
        RolloutProgress.Outcome o = first(Optional.of(DEADLINE), false, STUCK, HELD);

        assertThat(o.recheck()).isEmpty();
        assertThat(o.condition().orElseThrow().getMessage()).isEqualTo("held");
    }

    @Test
    void aCompleteRolloutIsCompleteWhateverTheHold() {
        RolloutProgress.Outcome o = first(Optional.of(DEADLINE), false, new RolloutProgress.Counters(5, 5, 5), SOAK);

        assertThat(o.condition().orElseThrow().getReason()).isEqualTo(RolloutProgress.COMPLETE);
    }

    @Test
    void aPausedRolloutIsPausedWhateverTheHold() {
        RolloutProgress.Outcome o = first(Optional.of(DEADLINE), true, STUCK, SOAK);

        assertThat(o.condition().orElseThrow().getReason()).isEqualTo(RolloutProgress.PAUSED);
    }

    @Test
    void withoutADeadlineAHoldKeepsNoCondition() {
        assertThat(first(Optional.empty(), false, STUCK, HELD).condition()).isEmpty();
    }

    // ---- DeadlineHold: which waits are holds ----

    private static RolloutScope.Hold hold(RolloutScope.Kind kind) {
        return new RolloutScope.Hold(kind, "");
    }

    @Test
    void everyNodeLeftHeldIsAHoldCountedByKind() {
        var held = Map.of(
                "n1", hold(RolloutScope.Kind.PARTITION),
                "n2", hold(RolloutScope.Kind.PARTITION),
                "n3", hold(RolloutScope.Kind.UPDATE_SELECTOR));

        var h = DeadlineHold.of("ds", Optional.empty(), held, () -> List.of("n1", "n2", "n3"));

        assertThat(h)
                .contains(
                        new RolloutProgress.Hold(
                                RolloutProgress.HELD,
                                "DaemonSet \"ds\" is held: 3 nodes keep the old revision (2 by the partition, 1 by the update selector)."));
    }

    @Test
    void aNodeLeftThatIsNotHeldIsNoHold() {
        var held = Map.of("n1", hold(RolloutScope.Kind.PARTITION));

        assertThat(DeadlineHold.of("ds", Optional.empty(), held, () -> List.of("n1", "n4")))
                .isEmpty();
    }

    @Test
    void withNothingHeldTheNodesLeftAreNotEvenAskedFor() {
        assertThat(DeadlineHold.of("ds", Optional.empty(), Map.of(), () -> {
                    throw new AssertionError("asked");
                }))
                .isEmpty();
    }

    @Test
    void aSoakingStageIsAHoldNamingTheNextStage() {
        var stages =
                io.everynode.api.rollout.Stages.parse("[{\"name\":\"canary\",\"soakSeconds\":60},{\"name\":\"rest\"}]");
        var soaking = stored(
                "True",
                StagedRollout.SOAKING,
                "stage \"canary\" (1 of 2) of revision h completed;" + " stage \"rest\" starts after "
                        + T0.plusSeconds(60));
        var outcome = StagedRollout.decide(
                "ds",
                stages,
                List.of(),
                java.util.Set.of(),
                java.util.Set.of(),
                soaking,
                "h",
                false,
                T0.plus(Duration.ofSeconds(10)));

        var h = DeadlineHold.of("ds", Optional.of(outcome), Map.of(), List::of);

        assertThat(h)
                .contains(new RolloutProgress.Hold(
                        RolloutProgress.SOAKING,
                        "DaemonSet \"ds\" is soaking: stage \"canary\" (1 of 2) of revision h completed;"
                                + " stage \"rest\" starts after 2026-01-01T00:01:00Z."));
    }
}
