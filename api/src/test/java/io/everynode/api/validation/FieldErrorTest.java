package io.everynode.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldErrorTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        FieldError.required("spec.template.spec.containers[0].image", ""),
                        "spec.template.spec.containers[0].image: Required value"),
                Arguments.of(
                        FieldError.invalid("spec.selector", new LabelSelector(null, Map.of("a", "b")), "x"),
                        "spec.selector: Invalid value: {\"matchLabels\":{\"a\":\"b\"}}: x"),
                Arguments.of(
                        FieldError.invalid(
                                "spec.updateStrategy.rollingUpdate.maxSurge",
                                new IntOrString(1),
                                "may not be set when maxUnavailable is non-zero"),
                        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"),
                Arguments.of(FieldError.invalid("f", new IntOrString("10%"), "d"), "f: Invalid value: \"10%\": d"),
                Arguments.of(FieldError.invalid("f", null, "d"), "f: Invalid value: null: d"),
                Arguments.of(FieldError.invalid("f", true, ""), "f: Invalid value: true"),
                Arguments.of(
                        FieldError.notSupported("f", "x", List.of("A", "B")),
                        "f: Unsupported value: \"x\": supported values: \"A\", \"B\""),
                Arguments.of(FieldError.forbidden("f", "no"), "f: Forbidden: no"),
                Arguments.of(FieldError.duplicate("f", "x"), "f: Duplicate value: \"x\""),
                Arguments.of(FieldError.notFound("f", "x"), "f: Not found: \"x\""),
                Arguments.of(FieldError.tooLong("f", 10), "f: Too long: may not be more than 10 bytes"),
                Arguments.of(FieldError.tooMany("f", 5, 4), "f: Too many: 5: must have at most 4 items"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void messagesReadLikeUpstreamFieldErrors(FieldError error, String message) {
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.causeMessage())
                .isEqualTo(message.substring(error.field().length() + 2));
    }
}
