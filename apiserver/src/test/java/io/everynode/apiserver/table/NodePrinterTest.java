package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePrinterTest {
    private final NodePrinter printer = new NodePrinter();

    private static Node node(String readyStatus, boolean unschedulable, Map<String, String> labels) {
        NodeBuilder b = new NodeBuilder()
                .withNewMetadata()
                .withName("node1")
                .withLabels(labels)
                .withCreationTimestamp(ago(Duration.ofDays(8)))
                .endMetadata()
                .withNewSpec()
                .withUnschedulable(unschedulable)
                .endSpec()
                .withNewStatus()
                .withNewNodeInfo()
                .withKubeletVersion("v1.35.0")
                .endNodeInfo()
                .endStatus();
        if (readyStatus != null) {
            b.editStatus()
                    .addNewCondition()
                    .withType("MemoryPressure")
                    .withStatus("False")
                    .endCondition()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus(readyStatus)
                    .endCondition()
                    .endStatus();
        }
        return b.build();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("True", false, "Ready"),
                Arguments.of("False", false, "NotReady"),
                Arguments.of("Unknown", false, "NotReady"),
                Arguments.of(null, false, "Unknown"),
                Arguments.of("True", true, "Ready,SchedulingDisabled"),
                Arguments.of(null, true, "Unknown,SchedulingDisabled"));
    }

    @ParameterizedTest(name = "Ready={0}, unschedulable={1} prints {2}")
    @MethodSource("statuses")
    void statusComesFromTheReadyConditionAndUnschedulable(String ready, boolean unschedulable, String expected) {
        assertThat(printer.cells(node(ready, unschedulable, Map.of()), NOW).get(1))
                .isEqualTo(expected);
    }

    static Stream<Arguments> roles() {
        return Stream.of(
                Arguments.of(Map.of(), "<none>"),
                Arguments.of(Map.of("node-role.kubernetes.io/control-plane", ""), "control-plane"),
                Arguments.of(
                        Map.of("node-role.kubernetes.io/worker", "", "node-role.kubernetes.io/infra", "x"),
                        "infra,worker"),
                Arguments.of(Map.of("kubernetes.io/role", "master", "node-role.kubernetes.io/master", ""), "master"),
                Arguments.of(Map.of("kubernetes.io/role", "", "node-role.kubernetes.io/", ""), "<none>"),
                Arguments.of(Map.of("kubernetes.io/role", "edge", "app", "x"), "edge"));
    }

    @ParameterizedTest(name = "labels {0} give roles {1}")
    @MethodSource("roles")
    void rolesComeFromRoleLabelsSortedAndDeduplicated(Map<String, String> labels, String expected) {
        assertThat(printer.cells(node("True", false, labels), NOW).get(2)).isEqualTo(expected);
    }

    @Test
    void defaultCellsAreNameStatusRolesAgeVersion() {
        assertThat(printer.cells(node("True", false, Map.of()), NOW).subList(0, 5))
                .containsExactly("node1", "Ready", "<none>", "8d", "v1.35.0");
    }

    @Test
    void wideCellsShowFirstAddressesAndUnknownSystemInfo() {
        Node n = node("True", false, Map.of());
        n.getStatus()
                .setAddresses(List.of(
                        new io.fabric8.kubernetes.api.model.NodeAddress("node1", "Hostname"),
                        new io.fabric8.kubernetes.api.model.NodeAddress("10.0.0.1", "InternalIP"),
                        new io.fabric8.kubernetes.api.model.NodeAddress("10.0.0.2", "InternalIP")));
        n.getStatus().getNodeInfo().setOsImage("Debian GNU/Linux 12 (bookworm)");

        assertThat(printer.cells(n, NOW).subList(5, 10))
                .containsExactly("10.0.0.1", "<none>", "Debian GNU/Linux 12 (bookworm)", "<unknown>", "<unknown>");
    }

    @Test
    void columnsAreUpstreamsWithFiveWideOnes() {
        assertThat(printer.columns())
                .extracting(TableColumn::name)
                .containsExactly(
                        "Name",
                        "Status",
                        "Roles",
                        "Age",
                        "Version",
                        "Internal-IP",
                        "External-IP",
                        "OS-Image",
                        "Kernel-Version",
                        "Container-Runtime");
        assertThat(printer.columns()).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
    }
}
