package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeScorerTest {
    @Test
    void theLeastRequestedNodeWins() {
        NodeInfo busy = new NodeInfo(node("a"), List.of(boundTo(pod("x", "2", "4Gi"), "a")), List.of());
        NodeInfo idle = new NodeInfo(node("b"), List.of(), List.of());
        assertThat(NodeScorer.best(pod("p", "100m", "100Mi"), List.of(busy, idle))
                        .name())
                .isEqualTo("b");
    }

    @Test
    void aBalancedNodeBeatsALopsidedOneWithTheSameFreeShare() {
        // Both nodes end with 50% average free; "even" has cpu and memory equally used.
        NodeInfo lopsided =
                new NodeInfo(node("a", "4", "4Gi", 110), List.of(boundTo(pod("x", "4", "0"), "a")), List.of());
        NodeInfo even =
                new NodeInfo(node("b", "4", "4Gi", 110), List.of(boundTo(pod("y", "2", "2Gi"), "b")), List.of());
        Pod p = pod("p", "1m", "1");
        assertThat(NodeScorer.score(p, even)).isGreaterThan(NodeScorer.score(p, lopsided));
        assertThat(NodeScorer.best(p, List.of(lopsided, even)).name()).isEqualTo("b");
    }

    @Test
    void tiesGoToTheFirstNodeName() {
        List<NodeInfo> same = List.of(
                new NodeInfo(node("c"), List.of(), List.of()),
                new NodeInfo(node("a"), List.of(), List.of()),
                new NodeInfo(node("b"), List.of(), List.of()));
        assertThat(NodeScorer.best(pod("p"), same).name()).isEqualTo("a");
    }

    @Test
    void podsWithoutRequestsStillSpreadThroughDefaultRequests() {
        NodeInfo withEmptyPods =
                new NodeInfo(node("a"), List.of(boundTo(pod("x"), "a"), boundTo(pod("y"), "a")), List.of());
        NodeInfo empty = new NodeInfo(node("b"), List.of(), List.of());
        assertThat(NodeScorer.best(pod("p"), List.of(withEmptyPods, empty)).name())
                .isEqualTo("b");
    }
}
