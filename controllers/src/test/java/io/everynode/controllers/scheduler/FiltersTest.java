package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FiltersTest {
    private static final Node PLAIN = node("n1", "2", "4Gi", 3);

    static Stream<Arguments> table() {
        Pod bound = boundTo(pod("other", "1500m", "1Gi"), "n1");
        Pod web = hostPort(boundTo(pod("web"), "n1"), 8080, "TCP", "");
        return Stream.of(
                // name, filter, pod, node, pods on node, expected reasons (empty = fits), resolvable
                Arguments.of(
                        "a pod naming another node is rejected",
                        new NodeNameFilter(),
                        new PodBuilder(pod("p"))
                                .editSpec()
                                .withNodeName("n2")
                                .endSpec()
                                .build(),
                        PLAIN,
                        List.of(),
                        List.of(NodeNameFilter.REASON),
                        false),
                Arguments.of(
                        "a pod naming this node fits",
                        new NodeNameFilter(),
                        new PodBuilder(pod("p"))
                                .editSpec()
                                .withNodeName("n1")
                                .endSpec()
                                .build(),
                        PLAIN,
                        List.of(),
                        List.of(),
                        false),
                Arguments.of(
                        "a cordoned node rejects an ordinary pod",
                        new NodeUnschedulableFilter(),
                        pod("p"),
                        cordoned(PLAIN),
                        List.of(),
                        List.of("node(s) were unschedulable"),
                        false),
                Arguments.of(
                        "a cordoned node accepts a pod tolerating unschedulable",
                        new NodeUnschedulableFilter(),
                        tolerating(pod("p"), "node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule"),
                        cordoned(PLAIN),
                        List.of(),
                        List.of(),
                        false),
                Arguments.of(
                        "a missing nodeSelector label is rejected",
                        new NodeAffinityFilter(),
                        nodeSelector(pod("p"), "disk", "ssd"),
                        PLAIN,
                        List.of(),
                        List.of("node(s) didn't match Pod's node affinity/selector"),
                        false),
                Arguments.of(
                        "a matching nodeSelector fits",
                        new NodeAffinityFilter(),
                        nodeSelector(pod("p"), "disk", "ssd"),
                        labelled(PLAIN, "disk", "ssd"),
                        List.of(),
                        List.of(),
                        false),
                Arguments.of(
                        "daemon affinity for another node is rejected",
                        new NodeAffinityFilter(),
                        pinnedTo(pod("p"), "n2"),
                        PLAIN,
                        List.of(),
                        List.of("node(s) didn't match Pod's node affinity/selector"),
                        false),
                Arguments.of(
                        "an untolerated NoSchedule taint is named",
                        new TaintTolerationFilter(),
                        pod("p"),
                        tainted(PLAIN, "dedicated", "gpu", "NoSchedule"),
                        List.of(),
                        List.of("node(s) had untolerated taint {dedicated: gpu}"),
                        false),
                Arguments.of(
                        "an untolerated NoExecute taint without value is named",
                        new TaintTolerationFilter(),
                        pod("p"),
                        tainted(PLAIN, "node.kubernetes.io/unreachable", null, "NoExecute"),
                        List.of(),
                        List.of("node(s) had untolerated taint {node.kubernetes.io/unreachable: }"),
                        false),
                Arguments.of(
                        "a PreferNoSchedule taint never filters",
                        new TaintTolerationFilter(),
                        pod("p"),
                        tainted(PLAIN, "dedicated", "gpu", "PreferNoSchedule"),
                        List.of(),
                        List.of(),
                        false),
                Arguments.of(
                        "a tolerated taint fits",
                        new TaintTolerationFilter(),
                        tolerating(pod("p"), "dedicated", "Equal", "gpu", "NoSchedule"),
                        tainted(PLAIN, "dedicated", "gpu", "NoSchedule"),
                        List.of(),
                        List.of(),
                        false),
                Arguments.of(
                        "requests within free allocatable fit",
                        new NodeResourcesFilter(),
                        pod("p", "500m", "1Gi"),
                        PLAIN,
                        List.of(bound),
                        List.of(),
                        true),
                Arguments.of(
                        "cpu beyond allocatable minus bound requests is insufficient",
                        new NodeResourcesFilter(),
                        pod("p", "600m", "1Gi"),
                        PLAIN,
                        List.of(bound),
                        List.of("Insufficient cpu"),
                        true),
                Arguments.of(
                        "both cpu and memory short give two reasons",
                        new NodeResourcesFilter(),
                        pod("p", "1", "4Gi"),
                        PLAIN,
                        List.of(bound),
                        List.of("Insufficient cpu", "Insufficient memory"),
                        true),
                Arguments.of(
                        "a full node has too many pods even for an empty pod",
                        new NodeResourcesFilter(),
                        pod("p"),
                        PLAIN,
                        List.of(boundTo(pod("a"), "n1"), boundTo(pod("b"), "n1"), boundTo(pod("c"), "n1")),
                        List.of("Too many pods"),
                        true),
                Arguments.of(
                        "a clashing host port is rejected",
                        new NodePortsFilter(),
                        hostPort(pod("p"), 8080, "TCP", "10.0.0.1"),
                        PLAIN,
                        List.of(web),
                        List.of("node(s) didn't have free ports for the requested pod ports"),
                        true),
                Arguments.of(
                        "the same port on another protocol fits",
                        new NodePortsFilter(),
                        hostPort(pod("p"), 8080, "UDP", ""),
                        PLAIN,
                        List.of(web),
                        List.of(),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachFilterHasOneNamedReason(
            String name,
            Filter filter,
            Pod pod,
            Node node,
            List<Pod> onNode,
            List<String> reasons,
            boolean resolvable) {
        Optional<Rejection> r = filter.check(pod, new NodeInfo(node, onNode, List.of()));
        if (reasons.isEmpty()) {
            assertThat(r).isEmpty();
        } else {
            assertThat(r).isPresent();
            assertThat(r.get().reasons()).containsExactlyElementsOf(reasons);
            assertThat(r.get().resolvable()).isEqualTo(resolvable);
        }
    }

    @Test
    void podsNominatedToTheNodeCountAgainstItsResources() {
        Pod nominee = nominated(pod("nominee", "1500m", null), "n1");
        NodeInfo info = new NodeInfo(PLAIN, List.of(), List.of(nominee));
        assertThat(new NodeResourcesFilter().check(pod("p", "1", null), info))
                .hasValueSatisfying(r -> assertThat(r.reasons()).containsExactly("Insufficient cpu"));
    }

    @Test
    void theChainStopsAtTheFirstRejectionInUpstreamOrder() {
        Node node = tainted(cordoned(PLAIN), "dedicated", "gpu", "NoSchedule");
        assertThat(new Filters(Filters.DEFAULT).check(pod("p", "8", null), new NodeInfo(node, List.of(), List.of())))
                .hasValueSatisfying(r -> assertThat(r.reasons()).containsExactly("node(s) were unschedulable"));
    }
}
