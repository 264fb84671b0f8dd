package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E4.4 and E5.6: the partition, update-selector and stages annotations at admission, as a table. */
class AdvancedRolloutValidationTest {
    private static final String STAGES = "metadata.annotations[everynode.io/stages]: Invalid value: ";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(AdvancedRollout.PARTITION, "3", List.of()),
                Arguments.of(AdvancedRollout.PARTITION, "0", List.of()),
                Arguments.of(
                        AdvancedRollout.PARTITION,
                        "-1",
                        List.of("metadata.annotations[everynode.io/partition]: Invalid value: \"-1\": must be a whole"
                                + " number of nodes from 0 to 1000000")),
                Arguments.of(AdvancedRollout.UPDATE_SELECTOR, "node-type=canary", List.of()),
                Arguments.of(AdvancedRollout.UPDATE_SELECTOR, "zone in (a,b),!spot", List.of()),
                Arguments.of(AdvancedRollout.UPDATE_SELECTOR, "zone in (a", List.of("selector")),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":600},"
                                + "{\"name\":\"ten\",\"maxNodes\":\"10%\"},{\"name\":\"rest\"}]",
                        List.of()),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "{\"name\":\"canary\"}",
                        List.of(STAGES + "\"{\\\"name\\\":\\\"canary\\\"}\": must be a non-empty JSON list of stages")),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"a\"},{\"name\":\"a\"}]",
                        List.of("[1].name: duplicate stage name \"a\"")),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"a\",\"soakSeconds\":-5}]",
                        List.of("[0].soakSeconds: must be a whole number of seconds from 0 to 31622400")),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"a\",\"maxNodes\":\"ten\"}]",
                        List.of("[0].maxNodes: must be a whole number or a percentage such as \"10%\"")),
                Arguments.of(AdvancedRollout.STAGES, "[{\"selector\":\"a=b\"}]", List.of("[0].name: required")),
                Arguments.of(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"a\",\"selector\":\"a in (\"}]",
                        List.of("[0].selector: ")),
                Arguments.of(
                        AdvancedRollout.STAGES, "[{\"name\":\"a\",\"soak\":5}]", List.of("[0].soak: unknown field")));
    }

    /** Each expected string must appear in the one error (exact where the whole message is given). */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void annotationValuesAreCheckedAtAdmission(String key, String value, List<String> expected) {
        var ds = Fixtures.daemonSet();
        ds.getMetadata().setAnnotations(Map.of(key, value));

        List<String> got = messages(DaemonSetValidation.validateCreate(ds));

        if (expected.isEmpty()) {
            assertThat(got).isEmpty();
        } else {
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).startsWith("metadata.annotations[" + key + "]: Invalid value: ");
            expected.forEach(e -> assertThat(got.get(0)).contains(e));
        }
    }
}
