package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.Stages;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E5.2–E5.5: stage membership and progression, pure (the instant is given). */
class StagedRolloutTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HASH = "abc123";
    private static final List<Stages.Stage> STAGES =
            Stages.parse("[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":60},"
                    + "{\"name\":\"half\",\"maxNodes\":\"50%\",\"soakSeconds\":30},{\"name\":\"rest\"}]");

    /** c1, c2 in the canary pool; m1..m6 in main. */
    private static List<Node> fleet() {
        List<Node> out = new ArrayList<>(List.of(node("c1", "pool", "canary"), node("c2", "pool", "canary")));
        for (int i = 1; i <= 6; i++) out.add(node("m" + i, "pool", "main"));
        return out;
    }

    static Stream<Arguments> membership() {
        return Stream.of(
                Arguments.of(
                        "nothing updated: the canary pool, then up to half of 8 from the end of the alphabet",
                        Set.of(),
                        Map.of("c1", 0, "c2", 0, "m6", 1, "m5", 1, "m4", 2, "m3", 2, "m2", 2, "m1", 2)),
                Arguments.of(
                        "updated nodes are taken first, so a node updated early stays in the early stage",
                        Set.of("m1"),
                        Map.of("c1", 0, "c2", 0, "m1", 1, "m6", 1, "m5", 2, "m4", 2, "m3", 2, "m2", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("membership")
    void stagesTakeNodesInOrderUpToTheirCumulativeCount(String why, Set<String> updated, Map<String, Integer> want) {
        assertThat(new TreeMap<>(StagedRollout.members(STAGES, fleet(), updated)))
                .isEqualTo(new TreeMap<>(want));
    }

    static Stream<Arguments> progression() {
        Set<String> canaries = Set.of("c1", "c2");
        return Stream.of(
                // what is done, the stored condition (reason, stage, seconds after T0), now (s after T0) → phase, stage
                Arguments.of("a new revision starts at stage 1", Set.of(), null, 0, "UPDATING", 0, null),
                Arguments.of(
                        "stage 1 not done yet",
                        Set.of("c1"),
                        cond("StageUpdating", "canary", 0),
                        5,
                        "UPDATING",
                        0,
                        null),
                Arguments.of(
                        "stage 1 done: soaking 60s",
                        canaries,
                        cond("StageUpdating", "canary", 0),
                        10,
                        "SOAKING",
                        0,
                        61L),
                Arguments.of("still soaking", canaries, cond("StageSoaking", "canary", 10), 69, "SOAKING", 0, 2L),
                Arguments.of(
                        "soak over: stage 2 starts",
                        canaries,
                        cond("StageSoaking", "canary", 10),
                        70,
                        "UPDATING",
                        1,
                        null),
                Arguments.of(
                        "last stage done: complete",
                        Set.of("c1", "c2", "m1", "m2", "m3", "m4", "m5", "m6"),
                        cond("StageUpdating", "rest", 100),
                        200,
                        "COMPLETE",
                        2,
                        null),
                Arguments.of(
                        "another revision's condition starts over",
                        Set.of("m5"),
                        condOf("StageSoaking", "half", 10, "old999"),
                        100,
                        "UPDATING",
                        0,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("progression")
    void theStageFollowsThePodsAndTheStoredCondition(
            String why, Set<String> done, DaemonSetCondition stored, int now, String phase, int stage, Long recheck) {
        StagedRollout.Outcome o =
                StagedRollout.decide("agent", STAGES, fleet(), done, done, stored, HASH, false, T0.plusSeconds(now));

        assertThat(o.state().phase().name()).isEqualTo(phase);
        assertThat(o.state().stage()).isEqualTo(stage);
        assertThat(o.recheck()).isEqualTo(java.util.Optional.ofNullable(recheck).map(Duration::ofSeconds));
    }

    @Test
    void theSoakCountsFromTheStoredCompletionSoARestartedControllerWaitsOnlyTheRest() {
        DaemonSetCondition stored = StagedRollout.decide(
                        "agent",
                        STAGES,
                        fleet(),
                        Set.of("c1", "c2"),
                        Set.of("c1", "c2"),
                        cond("StageUpdating", "canary", 0),
                        HASH,
                        false,
                        T0.plusSeconds(10))
                .condition();

        StagedRollout.Outcome later = StagedRollout.decide(
                "agent",
                STAGES,
                fleet(),
                Set.of("c1", "c2"),
                Set.of("c1", "c2"),
                stored,
                HASH,
                false,
                T0.plusSeconds(40));

        assertThat(stored.getReason()).isEqualTo(StagedRollout.SOAKING);
        assertThat(stored.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(later.state().phase()).isEqualTo(StagedRollout.Phase.SOAKING);
        assertThat(later.soakEnds()).contains(T0.plusSeconds(70));
    }

    @Test
    void whilePausedAStageCompletesButTheNextDoesNotStart() {
        Set<String> canaries = Set.of("c1", "c2");
        StagedRollout.Outcome o = StagedRollout.decide(
                "agent",
                STAGES,
                fleet(),
                canaries,
                canaries,
                cond("StageSoaking", "canary", 0),
                HASH,
                true,
                T0.plusSeconds(100));

        assertThat(o.state().phase()).isEqualTo(StagedRollout.Phase.SOAKING);
        assertThat(o.events()).isEmpty();
    }

    @Test
    void stagesWithoutSoakThatAreAlreadyDoneCompleteInOneDecisionWithAnEventEach() {
        List<Stages.Stage> noSoak = Stages.parse("[{\"name\":\"a\",\"selector\":\"pool=canary\"},{\"name\":\"b\"}]");
        Set<String> all = Set.of("c1", "c2", "m1", "m2", "m3", "m4", "m5", "m6");

        StagedRollout.Outcome o = StagedRollout.decide("agent", noSoak, fleet(), all, all, null, HASH, false, T0);

        assertThat(o.state().phase()).isEqualTo(StagedRollout.Phase.COMPLETE);
        assertThat(o.events())
                .extracting(SyncPlan.Event::reason)
                .containsExactly("StageStarted", "StageCompleted", "StageStarted", "StageCompleted");
        assertThat(o.condition().getMessage()).isEqualTo("all 2 stages of revision abc123 completed");
    }

    private static DaemonSetCondition cond(String reason, String stage, int at) {
        return condOf(reason, stage, at, HASH);
    }

    private static DaemonSetCondition condOf(String reason, String stage, int at, String hash) {
        int k = Stages.indexOf(STAGES, stage);
        StagedRollout.Phase phase =
                reason.equals("StageSoaking") ? StagedRollout.Phase.SOAKING : StagedRollout.Phase.UPDATING;
        return StagedRollout.condition(
                STAGES, new StagedRollout.State(phase, k, T0.plusSeconds(at)), hash, java.util.Optional.empty());
    }
}
