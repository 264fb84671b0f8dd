package io.everynode.dashboard.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetConditionBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a stored DaemonSet says about its rollout: the budget line, the partition line, the stage marker. */
class RolloutFactsTest {
    static DaemonSet ds(String strategy, Object maxUnavailable, Object maxSurge, int desired, Map<String, String> ann) {
        var b = new DaemonSetBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName("agent")
                .withUid("uid-1")
                .withGeneration(3L)
                .withAnnotations(ann)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "agent")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "agent")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("agent:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .withNewUpdateStrategy()
                .withType(strategy)
                .endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                .withDesiredNumberScheduled(desired)
                .withUpdatedNumberScheduled(4)
                .withNumberAvailable(7)
                .withObservedGeneration(2L)
                .endStatus();
        DaemonSet d = b.build();
        if ("RollingUpdate".equals(strategy)) {
            d.getSpec()
                    .getUpdateStrategy()
                    .setRollingUpdate(new io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet(
                            intOrString(maxSurge), intOrString(maxUnavailable)));
        }
        return d;
    }

    private static IntOrString intOrString(Object v) {
        if (v == null) return null;
        return v instanceof Integer i ? new IntOrString(i) : new IntOrString((String) v);
    }

    static Stream<Arguments> budgets() {
        return Stream.of(
                // strategy, maxUnavailable, maxSurge, desired → line at maxUnavailable, maxSurge (R5.2)
                Arguments.of("RollingUpdate", 1, 0, 10, 1, 0),
                Arguments.of("RollingUpdate", 3, 0, 10, 3, 0),
                Arguments.of("RollingUpdate", "25%", 0, 10, 3, 0), // 2.5 rounded up
                Arguments.of("RollingUpdate", "10%", 0, 50, 5, 0),
                Arguments.of("RollingUpdate", 0, 0, 10, 1, 0), // both 0: forced to 1
                Arguments.of("RollingUpdate", 0, "20%", 10, 0, 2), // surge: no node may be unavailable
                Arguments.of("RollingUpdate", 0, 0, 0, 0, 0), // no node: nothing forced
                Arguments.of("RollingUpdate", "x%", 0, 10, -1, -1), // unreadable: no line
                Arguments.of("OnDelete", null, null, 10, -1, -1)); // no rolling update: no line
    }

    @ParameterizedTest(name = "{0} maxUnavailable={1} maxSurge={2} over {3} nodes → {4}/{5}")
    @MethodSource("budgets")
    void theBudgetIsResolvedAsTheControllerResolvesIt(
            String strategy, Object maxUnavailable, Object maxSurge, int desired, int line, int surge) {
        RolloutFacts f = RolloutFacts.of(ds(strategy, maxUnavailable, maxSurge, desired, Map.of()));

        assertThat(f.maxUnavailable()).isEqualTo(line);
        assertThat(f.maxSurge()).isEqualTo(surge);
    }

    static Stream<Arguments> partitions() {
        return Stream.of(
                Arguments.of(Map.of(), 10, 0, 10),
                Arguments.of(Map.of("everynode.io/partition", "3"), 10, 3, 7),
                Arguments.of(Map.of("everynode.io/partition", "12"), 10, 12, 0), // holds every node
                Arguments.of(Map.of("everynode.io/partition", "three"), 10, 0, 10)); // unreadable: none (E4.1)
    }

    @ParameterizedTest(name = "{0} over {1} nodes → {2} held, cap {3}")
    @MethodSource("partitions")
    void thePartitionLineIsAtTheNodesItLetsTheRolloutUpdate(
            Map<String, String> annotations, int desired, int held, int cap) {
        RolloutFacts f = RolloutFacts.of(ds("RollingUpdate", 1, 0, desired, annotations));

        assertThat(f.partition()).isEqualTo(held);
        assertThat(f.partitionCap()).isEqualTo(cap);
    }

    @Test
    void theCountersGenerationsAndPauseComeFromTheStoredObject() {
        RolloutFacts f = RolloutFacts.of(ds("RollingUpdate", 1, 0, 10, Map.of("everynode.io/paused", "true")));

        assertThat(f)
                .extracting(
                        RolloutFacts::generation,
                        RolloutFacts::observedGeneration,
                        RolloutFacts::desired,
                        RolloutFacts::updated,
                        RolloutFacts::available,
                        RolloutFacts::unavailable,
                        RolloutFacts::paused)
                .containsExactly(3L, 2L, 10, 4, 7, 3, true);
        assertThat(RolloutFacts.of(ds("RollingUpdate", 1, 0, 10, Map.of("everynode.io/paused", "false")))
                        .paused())
                .isFalse();
    }

    @Test
    void anAdvancedDaemonSetsFieldsReachTheChartThroughItsView() {
        AdvancedDaemonSet ads = Json.MAPPER.readValue("""
                {"apiVersion": "apps.kruise.io/v1alpha1", "kind": "DaemonSet",
                 "metadata": {"namespace": "default", "name": "agent", "uid": "uid-1", "generation": 3},
                 "spec": {"selector": {"matchLabels": {"app": "agent"}},
                          "template": {"metadata": {"labels": {"app": "agent"}},
                                       "spec": {"containers": [{"name": "agent", "image": "agent:1"}]}},
                          "updateStrategy": {"type": "RollingUpdate",
                                             "rollingUpdate": {"maxUnavailable": 2, "partition": 4, "paused": true}}},
                 "status": {"desiredNumberScheduled": 10, "updatedNumberScheduled": 4, "numberAvailable": 7,
                            "observedGeneration": 2, "currentNumberScheduled": 10, "numberMisscheduled": 0,
                            "numberReady": 7, "daemonSetHash": "h"}}
                """, AdvancedDaemonSet.class);

        RolloutFacts f = RolloutFacts.of(AdvancedView.of(ads));

        assertThat(f)
                .extracting(
                        RolloutFacts::desired,
                        RolloutFacts::updated,
                        RolloutFacts::maxUnavailable,
                        RolloutFacts::maxSurge,
                        RolloutFacts::partition,
                        RolloutFacts::partitionCap,
                        RolloutFacts::paused)
                .containsExactly(10, 4, 2, 0, 4, 6, true);
    }

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of(
                        "StageUpdating",
                        "stage \"canary\" (1 of 3) of revision abc is updating",
                        new RolloutFacts.Stage("StageUpdating", "canary", 1, 3),
                        "canary (1/3) StageUpdating"),
                Arguments.of(
                        "StageSoaking",
                        "stage \"ten-percent\" (2 of 3) of revision abc completed; stage \"rest\" starts after"
                                + " 2026-12-05T10:00:00Z",
                        new RolloutFacts.Stage("StageSoaking", "ten-percent", 2, 3),
                        "ten-percent (2/3) StageSoaking"),
                Arguments.of(
                        "StagesComplete",
                        "all 3 stages of revision abc completed",
                        new RolloutFacts.Stage("StagesComplete", null, 0, 3),
                        "StagesComplete (3 stages)"),
                Arguments.of(
                        "StageUpdating",
                        "a message of another shape",
                        new RolloutFacts.Stage("StageUpdating", null, 0, 0),
                        "StageUpdating"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("stages")
    void theStageIsReadFromTheRolloutStageCondition(
            String reason, String message, RolloutFacts.Stage stage, String label) {
        var conditions = List.of(
                new DaemonSetConditionBuilder()
                        .withType("Progressing")
                        .withReason("DaemonSetUpdated")
                        .withMessage("stage \"not-this\" (9 of 9)")
                        .build(),
                new DaemonSetConditionBuilder()
                        .withType("RolloutStage")
                        .withStatus("True")
                        .withReason(reason)
                        .withMessage(message)
                        .build());

        RolloutFacts.Stage read = RolloutFacts.stage(conditions);

        assertThat(read).isEqualTo(stage);
        assertThat(read.label()).isEqualTo(label);
    }

    @Test
    void aDaemonSetWithoutStagesHasNoStage() {
        assertThat(RolloutFacts.stage(null)).isNull();
        assertThat(RolloutFacts.of(ds("RollingUpdate", 1, 0, 10, Map.of())).stage())
                .isNull();
    }
}
