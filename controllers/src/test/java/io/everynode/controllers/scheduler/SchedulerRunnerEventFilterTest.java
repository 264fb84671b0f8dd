package io.everynode.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which informer updates wake the scheduler's worker. */
class SchedulerRunnerEventFilterTest {

    static Stream<Arguments> podUpdates() {
        Pod pending = Fixtures.pod("web", "100m", "1Gi");
        return Stream.of(
                Arguments.of(
                        "its own PodScheduled=False write",
                        pending,
                        (UnaryOperator<Pod>) p -> new PodBuilder(p)
                                .editStatus()
                                .addToConditions(new PodConditionBuilder()
                                        .withType("PodScheduled")
                                        .withStatus("False")
                                        .build())
                                .endStatus()
                                .build(),
                        true),
                Arguments.of(
                        "its own nominatedNodeName write",
                        pending,
                        (UnaryOperator<Pod>) p -> Fixtures.nominated(p, "n1"),
                        true),
                Arguments.of(
                        "a new label",
                        pending,
                        (UnaryOperator<Pod>) p -> new PodBuilder(p)
                                .editMetadata()
                                .addToLabels("a", "b")
                                .endMetadata()
                                .build(),
                        false),
                Arguments.of(
                        "a changed toleration",
                        pending,
                        (UnaryOperator<Pod>) p -> Fixtures.tolerating(p, "k", "Exists", null, "NoSchedule"),
                        false),
                Arguments.of("a deletion", pending, (UnaryOperator<Pod>) Fixtures::terminating, false),
                Arguments.of(
                        "a status change of a bound pod",
                        Fixtures.boundTo(pending, "n1"),
                        (UnaryOperator<Pod>) p -> Fixtures.terminal(p, "Succeeded"),
                        false));
    }

    @ParameterizedTest(name = "{0}: ignored = {3}")
    @MethodSource("podUpdates")
    void statusOnlyUpdatesOfUnboundPodsAreIgnored(String change, Pod before, UnaryOperator<Pod> edit, boolean ignored) {
        assertThat(SchedulerRunner.statusOnlyChangeOfUnboundPod(before, edit.apply(before)))
                .isEqualTo(ignored);
    }

    static Stream<Arguments> nodeUpdates() {
        Node node = Fixtures.node("n1");
        return Stream.of(
                Arguments.of(
                        "a heartbeat-only status write",
                        node,
                        (UnaryOperator<Node>) n -> new NodeBuilder(n)
                                .editStatus()
                                .withPhase("Running")
                                .endStatus()
                                .build(),
                        false),
                Arguments.of(
                        "a removed taint",
                        Fixtures.tainted(node, "k", "v", "NoSchedule"),
                        (UnaryOperator<Node>) n -> new NodeBuilder(n)
                                .editSpec()
                                .withTaints()
                                .endSpec()
                                .build(),
                        true),
                Arguments.of("a new label", node, (UnaryOperator<Node>) n -> Fixtures.labelled(n, "zone", "a"), true),
                Arguments.of(
                        "more allocatable memory",
                        node,
                        (UnaryOperator<Node>) n -> Fixtures.node("n1", "4", "16Gi", 110),
                        true));
    }

    @ParameterizedTest(name = "{0}: wakes = {3}")
    @MethodSource("nodeUpdates")
    void onlyNodeChangesThatCanAffectPlacementWakeParkedPods(
            String change, Node before, UnaryOperator<Node> edit, boolean wakes) {
        assertThat(SchedulerRunner.affectsPlacement(before, edit.apply(before))).isEqualTo(wakes);
    }
}
