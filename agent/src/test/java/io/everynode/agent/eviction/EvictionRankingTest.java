package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvictionRankingTest {
    private static final long MI = 1L << 20;

    /** A pod named {@code name} with a memory request (0: none), a priority, and a use (-1: no figure). */
    static ActivePod pod(String name, long requestMi, int priority, long usageMi) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withPriority(priority)
                .addNewContainer()
                .withName("main")
                .withImage("x")
                .endContainer()
                .endSpec();
        Pod p = b.build();
        if (requestMi > 0) {
            p.getSpec()
                    .getContainers()
                    .get(0)
                    .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                            .addToRequests("memory", new Quantity(requestMi + "Mi"))
                            .build());
        }
        return new ActivePod(p, usageMi < 0 ? OptionalLong.empty() : OptionalLong.of(usageMi * MI));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "a BestEffort pod goes before a pod within its request, even a larger one",
                        List.of(pod("within", 500, 0, 400), pod("besteffort", 0, 0, 10)),
                        List.of("besteffort", "within")),
                Arguments.of(
                        "a pod over its request goes before a pod within it, whatever their priorities",
                        List.of(pod("within-low", 500, -10, 100), pod("over-high", 100, 1000, 200)),
                        List.of("over-high", "within-low")),
                Arguments.of(
                        "a pod with no figure goes first of all",
                        List.of(pod("over", 0, 0, 900), pod("unknown", 100, 1000, -1)),
                        List.of("unknown", "over")),
                Arguments.of(
                        "among pods over their requests the lower priority goes first",
                        List.of(pod("high", 0, 1000, 900), pod("low", 0, 0, 10)),
                        List.of("low", "high")),
                Arguments.of(
                        "among pods within their requests the lower priority goes first",
                        List.of(pod("high", 500, 1000, 100), pod("low", 500, 0, 400)),
                        List.of("low", "high")),
                Arguments.of(
                        "at equal priority the larger use above the request goes first",
                        List.of(pod("small", 100, 0, 150), pod("big", 100, 0, 400), pod("mid", 0, 0, 200)),
                        List.of("big", "mid", "small")),
                Arguments.of(
                        "within requests, the pod furthest below its request goes last",
                        List.of(pod("far-below", 500, 0, 100), pod("near", 500, 0, 450)),
                        List.of("near", "far-below")),
                Arguments.of(
                        "a critical priority changes nothing in the order: critical pods are ranked, then skipped",
                        List.of(pod("critical", 0, 2_000_001_000, 900), pod("app", 0, 0, 100)),
                        List.of("app", "critical")),
                Arguments.of(
                        "ties keep name order", List.of(pod("b", 0, 0, 100), pod("a", 0, 0, 100)), List.of("a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void podsAreRankedForMemoryEvictionPerR93(String name, List<ActivePod> pods, List<String> expected) {
        assertThat(EvictionRanking.rank(pods))
                .extracting(p -> p.pod().getMetadata().getName())
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRankingDoesNotDependOnTheInputOrder(String name, List<ActivePod> pods, List<String> expected) {
        ActivePod[] reversed = pods.toArray(new ActivePod[0]);
        java.util.Collections.reverse(Arrays.asList(reversed));
        assertThat(EvictionRanking.rank(List.of(reversed)))
                .extracting(p -> p.pod().getMetadata().getName())
                .containsExactlyElementsOf(expected);
    }
}
