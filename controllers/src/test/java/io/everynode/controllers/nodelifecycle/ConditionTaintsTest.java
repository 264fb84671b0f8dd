package io.everynode.controllers.nodelifecycle;

import static io.everynode.controllers.nodelifecycle.Nodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionTaintsTest {
    private static final Instant NOW = T0.plusSeconds(100);

    private static Node node(String ready, String memory, String disk, String pid, String network, boolean cordoned) {
        NodeBuilder b = new NodeBuilder()
                .withNewMetadata()
                .withName("n")
                .endMetadata()
                .withNewSpec()
                .withUnschedulable(cordoned)
                .endSpec()
                .withNewStatus()
                .addToConditions(
                        condition("Ready", ready, T0),
                        condition("MemoryPressure", memory, T0),
                        condition("DiskPressure", disk, T0),
                        condition("PIDPressure", pid, T0),
                        condition("NetworkUnavailable", network, T0))
                .endStatus();
        return b.build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(
                        "a healthy node has no condition taints",
                        node("True", "False", "False", "False", "False", false),
                        List.of()),
                Arguments.of(
                        "Ready=False is not-ready, NoSchedule and NoExecute",
                        node("False", "False", "False", "False", "False", false),
                        List.of("node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute")),
                Arguments.of(
                        "Ready=Unknown is unreachable, NoSchedule and NoExecute",
                        node("Unknown", "False", "False", "False", "False", false),
                        List.of(
                                "node.kubernetes.io/unreachable:NoSchedule",
                                "node.kubernetes.io/unreachable:NoExecute")),
                Arguments.of(
                        "each pressure condition has its NoSchedule taint",
                        node("True", "True", "True", "True", "True", false),
                        List.of(
                                "node.kubernetes.io/memory-pressure:NoSchedule",
                                "node.kubernetes.io/disk-pressure:NoSchedule",
                                "node.kubernetes.io/pid-pressure:NoSchedule",
                                "node.kubernetes.io/network-unavailable:NoSchedule")),
                Arguments.of(
                        "a cordoned node is tainted unschedulable",
                        node("True", "False", "False", "False", "False", true),
                        List.of("node.kubernetes.io/unschedulable:NoSchedule")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void conditionsMapToTaints(String name, Node node, List<String> expected) {
        List<Taint> taints = ConditionTaints.reconcile(node, NOW).orElse(List.of());
        assertThat(taints.stream().map(t -> t.getKey() + ":" + t.getEffect())).containsExactlyElementsOf(expected);
        taints.stream()
                .filter(t -> t.getEffect().equals("NoExecute"))
                .forEach(t -> assertThat(t.getTimeAdded()).isEqualTo(NOW.toString()));
    }

    @Test
    void aTaintThatShouldStayKeepsItsTimeAddedAndNothingIsWritten() {
        Node n = withTaints(
                node("False", "False", "False", "False", "False", false),
                taint("node.kubernetes.io/not-ready", "NoSchedule", null),
                taint("node.kubernetes.io/not-ready", "NoExecute", T0));
        assertThat(ConditionTaints.reconcile(n, NOW)).isEmpty();
    }

    @Test
    void clearedConditionsRemoveOnlyTheTaintsThisControllerOwns() {
        Node n = withTaints(
                node("True", "False", "False", "False", "False", false),
                taint("node.kubernetes.io/memory-pressure", "NoSchedule", null),
                taint("node.kubernetes.io/unreachable", "NoExecute", T0),
                taint("node.kubernetes.io/out-of-service", "NoExecute", T0),
                taint("dedicated", "NoSchedule", null));
        assertThat(ConditionTaints.reconcile(n, NOW).orElseThrow().stream().map(Taint::getKey))
                .containsExactly("node.kubernetes.io/out-of-service", "dedicated");
    }
}
