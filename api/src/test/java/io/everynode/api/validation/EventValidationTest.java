package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventValidationTest {
    @ParameterizedTest(name = "[{index}] involved={0} ns={1}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | logging | ''
            true  | ''      | ''
            true  | other   | involvedObject.namespace: Invalid value: "other": does not match event.namespace
            false | ''      | involvedObject: Required value
            """)
    void eventsNeedAnInvolvedObjectInTheirNamespace(boolean involved, String ns, String expected) {
        Event e = new EventBuilder()
                .withNewMetadata()
                .withName("fb.1")
                .withNamespace("logging")
                .endMetadata()
                .withReason("SuccessfulCreate")
                .build();
        if (involved) {
            e.setInvolvedObject(new ObjectReferenceBuilder()
                    .withKind("DaemonSet")
                    .withName("fb")
                    .withNamespace(ns.isEmpty() ? null : ns)
                    .build());
        }
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(EventValidation.validateCreate(e))).containsExactlyElementsOf(want);
    }
}
