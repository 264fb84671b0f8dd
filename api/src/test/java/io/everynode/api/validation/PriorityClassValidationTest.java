package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityClassValidationTest {

    static PriorityClass pc(String name, int value, boolean globalDefault) {
        return new PriorityClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withValue(value)
                .withGlobalDefault(globalDefault)
                .withPreemptionPolicy("PreemptLowerPriority")
                .build();
    }

    @ParameterizedTest(name = "[{index}] {0}={1} default={2}")
    @CsvSource(delimiter = '|', textBlock = """
            high-priority            | 1000000    | false | ''
            high-priority            | 1000000000 | false | ''
            too-high                 | 1000000001 | false | value: Forbidden: maximum allowed value of a user defined priority is 1000000000
            system-node-critical     | 2000001000 | false | ''
            system-node-critical     | 5          | false | metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000
            system-mine              | 5          | false | metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class
            system-cluster-critical  | 2000000000 | true  | metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false
            """)
    void createFollowsR8_2(String name, int value, boolean globalDefault, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(PriorityClassValidation.validateCreate(pc(name, value, globalDefault), List.of())))
                .containsExactlyElementsOf(want);
    }

    @Test
    void onlyOneGlobalDefaultMayExist() {
        List<PriorityClass> existing = List.of(pc("a", 1, true));
        assertThat(messages(PriorityClassValidation.validateCreate(pc("b", 2, true), existing)))
                .containsExactly(
                        "globalDefault: Forbidden: PriorityClass a is already marked as default. Only one default can exist");
        assertThat(PriorityClassValidation.validateUpdate(pc("a", 1, true), pc("a", 1, false), existing))
                .isEmpty();
    }

    @Test
    void valueAndPreemptionPolicyAreImmutable() {
        PriorityClass old = pc("a", 1, false);
        PriorityClass updated = pc("a", 2, false);
        updated.setPreemptionPolicy("Never");
        assertThat(messages(PriorityClassValidation.validateUpdate(updated, old, List.of())))
                .containsExactly(
                        "value: Forbidden: may not be changed in an update.",
                        "preemptionPolicy: Invalid value: \"Never\": field is immutable");
    }
}
