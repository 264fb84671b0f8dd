package io.everynode.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's ranking of the pods a ReplicaSet removes first, one rule per row: the first pod goes before the second. */
class DeletionOrderTest {
    static final Map<String, String> WEB = Map.of("app", "web");

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("unscheduled before scheduled", (Function<ReplicaWorld, List<Pod>>) w -> List.of(
                        w.pod("bound", WEB, "n1", "Pending", false, null),
                        w.pod("first", WEB, null, "Pending", false, null))),
                Arguments.of("pending before running", (Function<ReplicaWorld, List<Pod>>) w -> List.of(
                        w.pod("running", WEB, "n1", "Running", false, null),
                        w.pod("first", WEB, "n2", "Pending", false, null))),
                Arguments.of("unknown before running", (Function<ReplicaWorld, List<Pod>>) w -> List.of(
                        w.pod("running", WEB, "n1", "Running", false, null),
                        w.pod("first", WEB, "n2", "Unknown", false, null))),
                Arguments.of("not ready before ready", (Function<ReplicaWorld, List<Pod>>) w -> List.of(
                        w.pod("ready", WEB, "n1", "Running", true, null),
                        w.pod("first", WEB, "n2", "Running", false, null))),
                Arguments.of("doubled up on a node before alone", (Function<ReplicaWorld, List<Pod>>) w -> List.of(
                        w.pod("alone", WEB, "n1", "Running", true, null),
                        w.pod("first", WEB, "n2", "Running", true, null),
                        w.pod("neighbour", WEB, "n2", "Running", true, null))),
                Arguments.of("more restarts first", (Function<ReplicaWorld, List<Pod>>) w -> {
                    Pod calm = w.pod("calm", WEB, "n1", "Running", true, null);
                    Pod first = w.pod("first", WEB, "n2", "Running", true, null);
                    first.getStatus()
                            .setContainerStatuses(List.of(new ContainerStatusBuilder()
                                    .withName("web")
                                    .withRestartCount(3)
                                    .build()));
                    return List.of(calm, first);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRankedFirstPodIsTheOneNamedFirst(String rule, Function<ReplicaWorld, List<Pod>> pods) {
        ReplicaWorld world = new ReplicaWorld(new ManualClock(Instant.parse("2026-12-04T10:00:00Z")));
        assertThat(DeletionOrder.rank(pods.apply(world)).get(0).getMetadata().getName())
                .as(rule)
                .isEqualTo("first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeRules")
    void amongReadyPodsTheYoungerGoesFirst(String rule, boolean sameReadyTime) {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        ReplicaWorld world = new ReplicaWorld(clock);
        Pod old = world.pod("old", WEB, "n1", "Running", true, null);
        clock.advance(Duration.ofMinutes(1));
        Pod young = world.pod("young", WEB, "n2", "Running", true, null);
        if (sameReadyTime)
            young.getStatus()
                    .getConditions()
                    .get(0)
                    .setLastTransitionTime(
                            old.getStatus().getConditions().get(0).getLastTransitionTime());
        assertThat(DeletionOrder.rank(List.of(old, young)).get(0).getMetadata().getName())
                .as(rule)
                .isEqualTo("young");
    }

    static Stream<Arguments> timeRules() {
        return Stream.of(
                Arguments.of("Ready more recently", false), Arguments.of("same Ready time: created later", true));
    }
}
