package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequiredNodeNamesTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no affinity", pod("p"), null),
                Arguments.of("a daemon pod's affinity names its node", pinnedTo(pod("p"), "n1"), Set.of("n1")),
                Arguments.of(
                        "terms are ORed: the union",
                        withTerms(nameTerm("In", "n1"), nameTerm("In", "n2", "n3")),
                        Set.of("n1", "n2", "n3")),
                Arguments.of(
                        "one term without names: any node may match",
                        withTerms(nameTerm("In", "n1"), labelTerm()),
                        null),
                Arguments.of("NotIn names no candidates", withTerms(nameTerm("NotIn", "n1")), null),
                Arguments.of(
                        "two name requirements in one term: both hold",
                        withTerms(new NodeSelectorTermBuilder()
                                .addToMatchFields(req("In", "n1", "n2"))
                                .addToMatchFields(req("In", "n2", "n3"))
                                .build()),
                        Set.of("n2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCandidateNodesAreThoseEveryTermNames(String why, Pod pod, Set<String> expected) {
        assertThat(RequiredNodeNames.of(pod)).isEqualTo(Optional.ofNullable(expected));
    }

    private static Pod withTerms(NodeSelectorTerm... terms) {
        return new PodBuilder(pod("p"))
                .editSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNodeSelectorTerms(List.of(terms))
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .endAffinity()
                .endSpec()
                .build();
    }

    private static NodeSelectorTerm nameTerm(String op, String... names) {
        return new NodeSelectorTermBuilder().addToMatchFields(req(op, names)).build();
    }

    private static io.fabric8.kubernetes.api.model.NodeSelectorRequirement req(String op, String... names) {
        return new NodeSelectorRequirementBuilder()
                .withKey("metadata.name")
                .withOperator(op)
                .withValues(names)
                .build();
    }

    private static NodeSelectorTerm labelTerm() {
        return new NodeSelectorTermBuilder()
                .addToMatchExpressions(new NodeSelectorRequirementBuilder()
                        .withKey("zone")
                        .withOperator("In")
                        .withValues("a")
                        .build())
                .build();
    }
}
