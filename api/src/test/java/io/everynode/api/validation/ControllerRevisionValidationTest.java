package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControllerRevisionValidationTest {
    static ControllerRevision cr(Object data, long revision) {
        return new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName("fb-abc")
                .withNamespace("logging")
                .endMetadata()
                .withData(data)
                .withRevision(revision)
                .build();
    }

    @ParameterizedTest(name = "[{index}] data={0} revision={1}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | 1  | ''
            false | 1  | data: Required value: data is mandatory
            true  | -1 | revision: Invalid value: -1: must be greater than or equal to 0
            """)
    void createFollowsR6_7(boolean hasData, long revision, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(ControllerRevisionValidation.validateCreate(
                        cr(hasData ? Map.of("spec", Map.of()) : null, revision))))
                .containsExactlyElementsOf(want);
    }

    @Test
    void dataIsImmutableButTheRevisionNumberMayChange() {
        ControllerRevision old = cr(Map.of("a", 1), 1);
        assertThat(ControllerRevisionValidation.validateUpdate(cr(Map.of("a", 1), 3), old))
                .isEmpty();
        assertThat(messages(ControllerRevisionValidation.validateUpdate(cr(Map.of("a", 2), 1), old)))
                .containsExactly("data: Invalid value: {\"a\":2}: field is immutable");
    }
}
