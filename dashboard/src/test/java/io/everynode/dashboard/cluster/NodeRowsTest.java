package io.everynode.dashboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster view's node rows: conditions to problems, taints as kubectl prints them, requests against allocatable. */
class NodeRowsTest {
    static Stream<Arguments> conditionTable() {
        return Stream.of(
                Arguments.of(
                        "ready, no pressure", Map.of("Ready", "True", "MemoryPressure", "False"), "True", List.of()),
                Arguments.of("not ready", Map.of("Ready", "False"), "False", List.of("NotReady")),
                Arguments.of("no Ready condition at all", Map.of(), "Unknown", List.of("ReadyUnknown")),
                Arguments.of(
                        "ready under memory and disk pressure",
                        Map.of(
                                "Ready",
                                "True",
                                "MemoryPressure",
                                "True",
                                "DiskPressure",
                                "True",
                                "PIDPressure",
                                "False"),
                        "True",
                        List.of("MemoryPressure", "DiskPressure")),
                Arguments.of(
                        "the kubelet stopped posting: everything Unknown",
                        Map.of("Ready", "Unknown", "MemoryPressure", "Unknown"),
                        "Unknown",
                        List.of("ReadyUnknown")),
                Arguments.of(
                        "network unavailable and PID pressure",
                        Map.of("Ready", "True", "NetworkUnavailable", "True", "PIDPressure", "True"),
                        "True",
                        List.of("PIDPressure", "NetworkUnavailable")),
                Arguments.of(
                        "a condition the view does not show",
                        Map.of("Ready", "True", "Frobbed", "True"),
                        "True",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionTable")
    void conditionsBecomeReadyAndProblemsWorstFirst(
            String what, Map<String, String> conditions, String ready, List<String> problems) {
        NodeRow row = NodeRows.of(List.of(node("n", conditions, "4", "8Gi", "110")), List.of())
                .get(0);

        assertThat(row.ready()).isEqualTo(ready);
        assertThat(row.problems()).isEqualTo(problems);
        assertThat(row.conditions().keySet()).containsExactlyElementsOf(NodeRows.CONDITIONS);
    }

    @ParameterizedTest(name = "{0} of {1} allocatable: {2}% {3}")
    @CsvSource({
        "0, 1000, 0, ok",
        "799, 1000, 80, high",
        "790, 1000, 79, ok",
        "1000, 1000, 100, high",
        "1001, 1000, 101, over",
        "5, 0, 0, ok",
    })
    void pressureIsRequestedOverAllocatableRoundedUp(long requested, long allocatable, int percent, String level) {
        NodeRow.Usage u = new NodeRow.Usage(allocatable, allocatable, requested);

        assertThat(u.percent()).isEqualTo(percent);
        assertThat(u.level()).isEqualTo(level);
    }

    @Test
    void podsOfANodeAddUpTheirRequestsUntilTheyEnd() {
        Node n = node("node-1", Map.of("Ready", "True"), "2", "4Gi", "110");
        List<Pod> pods = List.of(
                pod("a", "node-1", "250m", "256Mi", "Running"),
                pod("b", "node-1", "500m", "1Gi", "Pending"),
                pod("done", "node-1", "1", "1Gi", "Succeeded"),
                pod("elsewhere", "node-2", "1", "1Gi", "Running"),
                pod("unbound", null, "1", "1Gi", "Pending"));

        NodeRow row = NodeRows.of(List.of(n), pods).get(0);

        assertThat(row.cpu()).isEqualTo(new NodeRow.Usage(2000, 2000, 750));
        assertThat(row.memory().requested()).isEqualTo((256L + 1024) * 1024 * 1024);
        assertThat(row.memory().allocatable()).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(row.pods()).isEqualTo(new NodeRow.Usage(110, 110, 2));
        assertThat(row.cpu().percent()).isEqualTo(38);
    }

    @Test
    void taintsReadAsKubectlDescribePrintsThemAndRowsComeInNameOrder() {
        Node b = new NodeBuilder(node("b", Map.of("Ready", "True"), "1", "1Gi", "10"))
                .editSpec()
                .withUnschedulable(true)
                .withTaints(
                        new TaintBuilder()
                                .withKey("maintenance")
                                .withValue("disk")
                                .withEffect("NoSchedule")
                                .build(),
                        new TaintBuilder()
                                .withKey("node.kubernetes.io/unreachable")
                                .withEffect("NoExecute")
                                .build())
                .endSpec()
                .build();
        Node a = node("a", Map.of("Ready", "True"), "1", "1Gi", "10");

        List<NodeRow> rows = NodeRows.of(List.of(b, a), List.of());

        assertThat(rows).extracting(NodeRow::name).containsExactly("a", "b");
        assertThat(rows.get(1).taints())
                .containsExactly("maintenance=disk:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");
        assertThat(rows.get(1).unschedulable()).isTrue();
        assertThat(rows.get(0).taints()).isEmpty();
    }

    @Test
    void aNodeWithoutAllocatableMayUseItsCapacity() {
        Node n = new NodeBuilder(node("n", Map.of("Ready", "True"), "4", "8Gi", "110"))
                .editStatus()
                .withAllocatable(null)
                .endStatus()
                .build();

        assertThat(NodeRows.of(List.of(n), List.of()).get(0).cpu().allocatable())
                .isEqualTo(4000);
    }

    static Node node(String name, Map<String, String> conditions, String cpu, String memory, String pods) {
        Map<String, Quantity> resources =
                Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity(pods));
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .withConditions(conditions.entrySet().stream()
                        .map(e -> new NodeConditionBuilder()
                                .withType(e.getKey())
                                .withStatus(e.getValue())
                                .build())
                        .toList())
                .withCapacity(resources)
                .withAllocatable(resources)
                .endStatus()
                .build();
    }

    static Pod pod(String name, String node, String cpu, String memory, String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("c")
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }
}
