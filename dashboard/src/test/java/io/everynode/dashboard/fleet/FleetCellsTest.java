package io.everynode.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grid's state table: from a node, its daemon pod (or none) and the DaemonSet to a cell's colour. */
class FleetCellsTest {
    private static final DaemonSet DS = new DaemonSetBuilder()
            .withNewMetadata()
            .withNamespace("kube-system")
            .withName("agent")
            .withUid("ds-uid")
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
            .addToNodeSelector("pool", "edge")
            .addNewContainer()
            .withName("agent")
            .withImage("agent:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    private static final String CURRENT = DaemonSetFacts.currentHash(DS);

    enum PodIs {
        NONE,
        READY_CURRENT,
        READY_OLD,
        PENDING,
        RUNNING_NOT_READY,
        CRASH_LOOP_BACK_OFF,
        FAILED,
        DELETING,
        OTHER_OWNERS
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // node matches the selector?, untainted?, its pod          -> the cell
                Arguments.of(true, true, PodIs.READY_CURRENT, CellState.UPDATED_READY),
                Arguments.of(true, true, PodIs.READY_OLD, CellState.OLD_REVISION),
                Arguments.of(true, true, PodIs.PENDING, CellState.NOT_READY),
                Arguments.of(true, true, PodIs.RUNNING_NOT_READY, CellState.NOT_READY),
                Arguments.of(true, true, PodIs.CRASH_LOOP_BACK_OFF, CellState.CRASH_LOOPING),
                Arguments.of(true, true, PodIs.NONE, CellState.MISSING),
                Arguments.of(true, true, PodIs.FAILED, CellState.MISSING),
                Arguments.of(true, true, PodIs.DELETING, CellState.MISSING),
                Arguments.of(true, true, PodIs.OTHER_OWNERS, CellState.MISSING),
                Arguments.of(false, true, PodIs.NONE, CellState.NOT_MEANT_TO_RUN),
                Arguments.of(true, false, PodIs.NONE, CellState.NOT_MEANT_TO_RUN),
                // A NoSchedule taint added under a running pod: the pod stays and is what the cell shows.
                Arguments.of(true, false, PodIs.READY_CURRENT, CellState.UPDATED_READY));
    }

    @ParameterizedTest(name = "selector matches {0}, untainted {1}, pod {2} -> {3}")
    @MethodSource("table")
    void aNodesCellFollowsItsDaemonPodAndThePlacementCheck(
            boolean matches, boolean untainted, PodIs pod, CellState expected) {
        Node node = node("n1", matches, untainted);
        List<Pod> pods = pod == PodIs.NONE ? List.of() : List.of(pod("n1", pod));

        List<Cell> cells = FleetCells.of(DS, List.of(node), pods);

        assertThat(cells).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(expected);
            assertThat(c.node()).isEqualTo("n1");
        });
    }

    @Test
    void duringASurgeTheCurrentPodOfANodeIsTheOneShown() {
        Node node = node("n1", true, true);

        List<Cell> cells =
                FleetCells.of(DS, List.of(node), List.of(pod("n1", PodIs.READY_OLD), pod("n1", PodIs.PENDING)));

        assertThat(cells.get(0).state()).isEqualTo(CellState.NOT_READY);
        assertThat(cells.get(0).pod()).isEqualTo("agent-n1-PENDING");
    }

    @Test
    void cellsComeInNodeNameOrderWithTheNodesLabelsAndThePodsName() {
        List<Cell> cells = FleetCells.of(
                DS, List.of(node("n2", true, true), node("n1", true, true)), List.of(pod("n2", PodIs.READY_CURRENT)));

        assertThat(cells).extracting(Cell::node).containsExactly("n1", "n2");
        assertThat(cells.get(1).pod()).isEqualTo("agent-n2-READY_CURRENT");
        assertThat(cells.get(1).labels()).containsEntry("pool", "edge").containsEntry("zone", "z-n2");
        assertThat(cells.get(0).pod()).isNull();
    }

    @Test
    void anAdvancedDaemonSetsCellsAreTheCellsOfItsViewAsForAnAppsV1One() {
        AdvancedDaemonSet ads = Json.MAPPER.convertValue(DS, AdvancedDaemonSet.class);
        ads.apiVersion = AdvancedDaemonSet.API_VERSION;
        List<Node> nodes = List.of(node("n1", true, true), node("n2", true, true), node("n3", false, true));
        List<Pod> pods = List.of(pod("n1", PodIs.READY_OLD), pod("n2", PodIs.READY_CURRENT));

        List<Cell> cells = FleetCells.of(AdvancedView.of(ads), nodes, pods);

        assertThat(cells)
                .extracting(Cell::state)
                .containsExactly(CellState.OLD_REVISION, CellState.UPDATED_READY, CellState.NOT_MEANT_TO_RUN);
        assertThat(cells).isEqualTo(FleetCells.of(DS, nodes, pods));
    }

    @Test
    void everyStateHasItsOwnColourAndCode() {
        assertThat(Stream.of(CellState.values()).map(CellState::colour).distinct())
                .hasSize(CellState.values().length);
        assertThat(Stream.of(CellState.values()).map(CellState::code).distinct())
                .hasSize(CellState.values().length);
    }

    private static Node node(String name, boolean matches, boolean untainted) {
        NodeBuilder b = new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("pool", matches ? "edge" : "core", "zone", "z-" + name))
                .endMetadata()
                .withNewSpec()
                .endSpec();
        if (!untainted) {
            b.editSpec()
                    .addNewTaint()
                    .withKey("maintenance")
                    .withEffect("NoSchedule")
                    .endTaint()
                    .endSpec();
        }
        return b.build();
    }

    private static Pod pod(String node, PodIs is) {
        String hash = is == PodIs.READY_OLD ? "old-hash" : CURRENT;
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withNamespace("kube-system")
                .withName("agent-" + node + "-" + is)
                .withLabels(Map.of("app", "agent", DaemonSetFacts.HASH_LABEL, hash))
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("DaemonSet")
                .withName("agent")
                .withUid(is == PodIs.OTHER_OWNERS ? "someone-else" : "ds-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec();
        switch (is) {
            case READY_CURRENT, READY_OLD, OTHER_OWNERS ->
                b.withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus();
            case PENDING -> b.withNewStatus().withPhase("Pending").endStatus();
            case RUNNING_NOT_READY ->
                b.withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("False")
                        .endCondition()
                        .endStatus();
            case CRASH_LOOP_BACK_OFF ->
                b.withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("False")
                        .endCondition()
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("agent")
                                .withRestartCount(4)
                                .withNewState()
                                .withNewWaiting()
                                .withReason("CrashLoopBackOff")
                                .endWaiting()
                                .endState()
                                .build())
                        .endStatus();
            case FAILED -> b.withNewStatus().withPhase("Failed").endStatus();
            case DELETING ->
                b.editMetadata()
                        .withDeletionTimestamp("2026-01-01T00:00:00Z")
                        .endMetadata()
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus();
            default -> {}
        }
        return b.build();
    }
}
