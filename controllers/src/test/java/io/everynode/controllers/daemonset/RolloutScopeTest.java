package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static io.everynode.controllers.daemonset.Fixtures.podFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E4.1, E4.2: which nodes are held and by what, as a table. Five nodes a..e; a, b in the canary pool. */
class RolloutScopeTest {
    static Stream<Arguments> table() {
        return Stream.of(
                // partition, update selector, nodes already updated → node: hold kind
                Arguments.of("no partition, no selector: nothing held", null, null, "", Map.of()),
                Arguments.of(
                        "partition 3 keeps the three first in the alphabet",
                        "3",
                        null,
                        "",
                        Map.of("a", "PARTITION", "b", "PARTITION", "c", "PARTITION")),
                Arguments.of(
                        "an updated node counts first against the partition",
                        "3",
                        null,
                        "a",
                        Map.of("b", "PARTITION", "c", "PARTITION", "d", "PARTITION")),
                Arguments.of("partition 0 holds nothing", "0", null, "", Map.of()),
                Arguments.of(
                        "a partition above the fleet holds every old pod",
                        "9",
                        null,
                        "",
                        Map.of(
                                "a",
                                "PARTITION",
                                "b",
                                "PARTITION",
                                "c",
                                "PARTITION",
                                "d",
                                "PARTITION",
                                "e",
                                "PARTITION")),
                Arguments.of(
                        "the selector holds the nodes it does not match",
                        null,
                        "pool=canary",
                        "",
                        Map.of("c", "UPDATE_SELECTOR", "d", "UPDATE_SELECTOR", "e", "UPDATE_SELECTOR")),
                Arguments.of(
                        "selector and partition: the partition counts every node",
                        "4",
                        "pool=canary",
                        "",
                        Map.of(
                                "a",
                                "PARTITION",
                                "c",
                                "UPDATE_SELECTOR",
                                "d",
                                "UPDATE_SELECTOR",
                                "e",
                                "UPDATE_SELECTOR")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void holds(String why, String partition, String selector, String updated, Map<String, String> want) {
        DaemonSet ds = daemonSet("ds");
        if (partition != null) ds.getMetadata().getAnnotations().put(AdvancedRollout.PARTITION, partition);
        if (selector != null) ds.getMetadata().getAnnotations().put(AdvancedRollout.UPDATE_SELECTOR, selector);
        List<Node> nodes =
                List.of(node("a", "pool", "canary"), node("b", "pool", "canary"), node("c"), node("d"), node("e"));
        Map<String, List<Pod>> pods = new HashMap<>();
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            pods.put(name, List.of(podFor(ds, "p-" + name, name, updated.contains(name) ? "new" : "old")));
        }
        ds.getMetadata().getAnnotations().put(PodFacts.TEMPLATE_GENERATION_ANNOTATION, "2"); // old pods carry 1
        Map<String, String> got = new TreeMap<>();
        RolloutScope.of(
                        ds,
                        nodes,
                        pods,
                        "new",
                        n -> io.everynode.api.scheduling.NodeShouldRunDaemonPod.evaluate(n, ds),
                        Optional.empty())
                .forEach((node, h) -> got.put(node, h.kind().name()));

        assertThat(got).isEqualTo(new TreeMap<>(want));
    }
}
