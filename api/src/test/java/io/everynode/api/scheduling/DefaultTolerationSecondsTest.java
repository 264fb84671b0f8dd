package io.everynode.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultTolerationSecondsTest {
    private static final String NR = "node.kubernetes.io/not-ready";
    private static final String UR = "node.kubernetes.io/unreachable";

    private static Pod with(String key, String effect, Long seconds) {
        return new PodBuilder(pod("p", "n1"))
                .editSpec()
                .addToTolerations(new TolerationBuilder()
                        .withKey(key)
                        .withOperator("Exists")
                        .withEffect(effect)
                        .withTolerationSeconds(seconds)
                        .build())
                .endSpec()
                .build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(
                        "a pod without tolerations gets both at 300 s",
                        pod("p", "n1"),
                        List.of(NR + ":NoExecute:300", UR + ":NoExecute:300")),
                Arguments.of(
                        "an existing not-ready toleration is kept and only unreachable is added",
                        with(NR, "NoExecute", 60L),
                        List.of(NR + ":NoExecute:60", UR + ":NoExecute:300")),
                Arguments.of(
                        "an empty-effect toleration counts as tolerating",
                        with(UR, null, null),
                        List.of(UR + ":null:null", NR + ":NoExecute:300")),
                Arguments.of(
                        "a NoSchedule toleration does not count",
                        with(NR, "NoSchedule", null),
                        List.of(NR + ":NoSchedule:null", NR + ":NoExecute:300", UR + ":NoExecute:300")),
                Arguments.of(
                        "an empty key tolerates everything, so nothing is added",
                        with(null, null, null),
                        List.of("null:null:null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void defaultTolerationsAreAddedOnlyWhereMissing(String name, Pod pod, List<String> expected) {
        Pod out = DefaultTolerationSeconds.addDefaultTolerations(pod);
        assertThat(out.getSpec().getTolerations().stream()
                        .map(t -> t.getKey() + ":" + t.getEffect() + ":" + t.getTolerationSeconds()))
                .containsExactlyElementsOf(expected);
        assertThat(
                        pod.getSpec().getTolerations() == null
                                ? 0
                                : pod.getSpec().getTolerations().size())
                .isLessThanOrEqualTo(expected.size());
    }

    static Pod pod(String name, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .build();
    }
}
