package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreemptionTest {
    private final Filters filters = new Filters(Filters.DEFAULT);
    private final Preemption preemption = new Preemption(filters);

    private static Pod running(String name, String cpu, int prio, String node) {
        return priority(boundTo(pod(name, cpu, null), node), prio);
    }

    static Stream<Arguments> victimTable() {
        Node n = node("n1", "4", "8Gi", 110);
        return Stream.of(
                Arguments.of(
                        "the lowest-priority pod that frees enough is the only victim",
                        n,
                        List.of(running("a", "2", 1, "n1"), running("b", "2", 5, "n1")),
                        "2",
                        10,
                        List.of("a")),
                Arguments.of(
                        "more important pods are reprieved first, leaving the cheapest set",
                        n,
                        List.of(running("a", "1", 1, "n1"), running("b", "1", 2, "n1"), running("c", "2", 3, "n1")),
                        "2",
                        10,
                        List.of("b", "a")),
                Arguments.of(
                        "pods of equal priority are never victims",
                        n,
                        List.of(running("a", "2", 10, "n1"), running("b", "2", 10, "n1")),
                        "2",
                        10,
                        null),
                Arguments.of(
                        "removing every lower pod still not enough gives no victims",
                        n,
                        List.of(running("a", "1", 1, "n1"), running("b", "3", 50, "n1")),
                        "2",
                        10,
                        null),
                Arguments.of(
                        "several victims when one is not enough",
                        n,
                        List.of(running("a", "1", 1, "n1"), running("b", "1", 1, "n1"), running("c", "2", 1, "n1")),
                        "4",
                        10,
                        List.of("c", "a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("victimTable")
    void victimsAreTheFewestLowestPriorityPods(
            String name, Node node, List<Pod> onNode, String cpu, int prio, List<String> expected) {
        var victims = preemption.victims(priority(pod("p", cpu, null), prio), new NodeInfo(node, onNode, List.of()));
        if (expected == null) {
            assertThat(victims).isEmpty();
        } else {
            assertThat(victims)
                    .hasValueSatisfying(
                            v -> assertThat(v.stream().map(x -> x.getMetadata().getName()))
                                    .containsExactlyInAnyOrderElementsOf(expected));
        }
    }

    static Stream<Arguments> nodeTable() {
        return Stream.of(
                Arguments.of(
                        "the node whose highest victim has the lowest priority wins",
                        List.of(running("a1", "4", 5, "a")),
                        List.of(running("b1", "4", 3, "b")),
                        "b"),
                Arguments.of(
                        "then the node with fewer victims",
                        List.of(running("a1", "2", 3, "a"), running("a2", "2", 1, "a")),
                        List.of(running("b1", "4", 3, "b")),
                        "b"),
                Arguments.of(
                        "then the lower priority sum",
                        List.of(running("a1", "2", 3, "a"), running("a2", "2", 3, "a")),
                        List.of(running("b1", "2", 3, "b"), running("b2", "2", 1, "b")),
                        "b"),
                Arguments.of(
                        "then the first name",
                        List.of(running("a1", "4", 3, "a")),
                        List.of(running("b1", "4", 3, "b")),
                        "a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeTable")
    void theCandidateNodeIsChosenByVictimPriorityThenCount(String name, List<Pod> onA, List<Pod> onB, String winner) {
        Pod p = priority(pod("p", "4", null), 10);
        List<NodeInfo> nodes =
                List.of(new NodeInfo(node("a"), onA, List.of()), new NodeInfo(node("b"), onB, List.of()));
        var outcome = preemption.evaluate(p, nodes, rejections(p, nodes));
        assertThat(outcome.chosen())
                .hasValueSatisfying(c -> assertThat(c.node()).isEqualTo(winner));
    }

    @Test
    void preemptionPolicyNeverDoesNotPreempt() {
        Pod p = preemptionPolicy(priority(pod("p", "4", null), 10), "Never");
        List<NodeInfo> nodes = List.of(new NodeInfo(node("a"), List.of(running("x", "4", 1, "a")), List.of()));
        var outcome = preemption.evaluate(p, nodes, rejections(p, nodes));
        assertThat(outcome.chosen()).isEmpty();
        assertThat(outcome.message()).isEqualTo("not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void nodesRejectedForUnresolvableReasonsAreNotCandidates() {
        Pod p = priority(pod("p", "4", null), 10);
        List<NodeInfo> nodes = List.of(
                new NodeInfo(
                        tainted(node("a"), "dedicated", "gpu", "NoSchedule"),
                        List.of(running("x", "4", 1, "a")),
                        List.of()),
                new NodeInfo(node("b"), List.of(running("y", "4", 50, "b")), List.of()),
                new NodeInfo(node("c"), List.of(running("z", "4", 50, "c")), List.of()));
        var outcome = preemption.evaluate(p, nodes, rejections(p, nodes));
        assertThat(outcome.chosen()).isEmpty();
        assertThat(outcome.message())
                .isEqualTo("0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                        + "2 No preemption victims found for incoming pod.");
    }

    @Test
    void aTerminatingLowerPriorityPodOnTheNominatedNodeMeansWait() {
        Pod p = nominated(priority(pod("p", "4", null), 10), "a");
        List<NodeInfo> nodes = List.of(new NodeInfo(
                node("a"), List.of(terminating(running("x", "4", 1, "a")), running("y", "1", 1, "a")), List.of()));
        var outcome = preemption.evaluate(p, nodes, rejections(p, nodes));
        assertThat(outcome.chosen()).isEmpty();
        assertThat(outcome.message()).isEqualTo("not eligible due to a terminating pod on the nominated node.");
    }

    private Map<String, Rejection> rejections(Pod p, List<NodeInfo> nodes) {
        Map<String, Rejection> out = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            out.put(n.name(), filters.check(p, n).orElseThrow());
        }
        return out;
    }
}
