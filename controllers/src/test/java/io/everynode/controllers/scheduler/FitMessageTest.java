package io.everynode.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FitMessageTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(
                        List.of(
                                List.of("node(s) had untolerated taint {dedicated: gpu}"),
                                List.of("Insufficient memory"),
                                List.of("node(s) didn't match Pod's node affinity/selector")),
                        "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node "
                                + "affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}."),
                Arguments.of(
                        List.of(
                                List.of("Too many pods"),
                                List.of("Too many pods"),
                                List.of("node(s) were unschedulable")),
                        "0/3 nodes are available: 1 node(s) were unschedulable, 2 Too many pods."),
                Arguments.of(
                        List.of(List.of("Insufficient cpu", "Insufficient memory"), List.of("Insufficient cpu")),
                        "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."));
    }

    @ParameterizedTest
    @MethodSource("table")
    void reasonsAreCountedPerNodeAndSortedAsStrings(List<List<String>> perNode, String expected) {
        assertThat(FitMessage.format(perNode.size(), perNode)).isEqualTo(expected);
    }

    @Test
    void countsSortAsTextSoTenComesBeforeTwo() {
        List<List<String>> perNode = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            perNode.add(List.of("Too many pods"));
        }
        perNode.add(List.of("node(s) were unschedulable"));
        perNode.add(List.of("node(s) were unschedulable"));
        assertThat(FitMessage.format(12, perNode))
                .isEqualTo("0/12 nodes are available: 10 Too many pods, 2 node(s) were unschedulable.");
    }

    @Test
    void noNodesAtAllHasItsOwnMessage() {
        assertThat(FitMessage.format(0, List.of())).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void aPreemptionVerdictFollowsAfterASpace() {
        assertThat(FitMessage.withPreemption(
                        "0/1 nodes are available: 1 Insufficient cpu.",
                        "0/1 nodes are available: 1 No preemption victims found for incoming pod."))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                        + "1 No preemption victims found for incoming pod.");
        assertThat(FitMessage.withPreemption("m.", "")).isEqualTo("m.");
    }
}
