package io.everynode.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodsAndNodesTest {

    private static Pod pod(String phase, String readyStatus) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withNamespace("logging")
                .withName("fluent-bit-x")
                .endMetadata();
        if (phase == null && readyStatus == null) return b.build();
        var status = b.withNewStatus().withPhase(phase);
        if (readyStatus != null) {
            status.addNewCondition()
                    .withType("PodScheduled")
                    .withStatus("True")
                    .endCondition()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus(readyStatus)
                    .endCondition();
        }
        return status.endStatus().build();
    }

    @Test
    void aPodsKeyIsItsNamespaceSlashName() {
        assertThat(Pods.key(pod(null, null))).isEqualTo("logging/fluent-bit-x");
    }

    @ParameterizedTest(name = "phase {0} terminal: {1}")
    @CsvSource({"Succeeded, true", "Failed, true", "Running, false", "Pending, false", "Unknown, false"})
    void onlySucceededAndFailedAreTerminal(String phase, boolean terminal) {
        assertThat(Pods.isTerminal(pod(phase, null))).isEqualTo(terminal);
        assertThat(Pods.isTerminalPhase(phase)).isEqualTo(terminal);
    }

    @Test
    void aPodWithoutStatusIsNeitherReadyNorTerminal() {
        assertThat(Pods.isReady(pod(null, null))).isFalse();
        assertThat(Pods.isTerminal(pod(null, null))).isFalse();
        assertThat(Pods.phase(pod(null, null))).isEmpty();
    }

    @ParameterizedTest(name = "Ready={0} is ready: {1}")
    @CsvSource({"True, true", "False, false", "Unknown, false"})
    void aPodIsReadyWhenItsReadyConditionIsTrue(String status, boolean ready) {
        assertThat(Pods.isReady(pod("Running", status))).isEqualTo(ready);
    }

    private static Node node(String readyStatus) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("node-1").endMetadata();
        if (readyStatus == null) return b.build();
        return b.withNewStatus()
                .addNewCondition()
                .withType("MemoryPressure")
                .withStatus("False")
                .endCondition()
                .addNewCondition()
                .withType("Ready")
                .withStatus(readyStatus)
                .endCondition()
                .endStatus()
                .build();
    }

    @ParameterizedTest(name = "Ready={0} is ready: {1}")
    @CsvSource({"True, true", "False, false", "Unknown, false"})
    void aNodeIsReadyWhenItsReadyConditionIsTrue(String status, boolean ready) {
        assertThat(Nodes.isReady(node(status))).isEqualTo(ready);
        assertThat(Nodes.readyStatus(node(status))).isEqualTo(status);
    }

    @Test
    void aNodeWithoutConditionsIsNotReadyAndHasNoReadyStatus() {
        assertThat(Nodes.isReady(node(null))).isFalse();
        assertThat(Nodes.readyStatus(node(null))).isNull();
    }
}
