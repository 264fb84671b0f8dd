package io.everynode.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {
    private static final Map<String, String> POD = Map.of(
            "metadata.name", "fb-1", "metadata.namespace", "logging", "spec.nodeName", "n1", "status.phase", "Running");

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.name=fb-1                                             | true
            metadata.name==fb-1                                            | true
            metadata.name=fb-2                                             | false
            'spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed' | true
            status.phase!=Running                                          | false
            involvedObject.namespace=                                      | true
            spec.nodeName=                                                 | false
            ''                                                             | true
            """)
    void termsAreAndedAndMissingFieldsReadAsEmpty(String selector, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(POD)).isEqualTo(expected);
    }

    @Test
    void fieldsListsEveryMentionedFieldOnce() {
        assertThat(FieldSelector.parse("spec.nodeName=n1,status.phase!=A,status.phase!=B")
                        .fields())
                .containsExactly("spec.nodeName", "status.phase");
    }

    @Test
    void escapedCommasAndEqualsBelongToTheValue() {
        FieldSelector s = FieldSelector.parse("metadata.name=a\\,b\\=c");
        assertThat(s.requiredValue("metadata.name")).isEqualTo("a,b=c");
        assertThat(s.matches(Map.of("metadata.name", "a,b=c"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            spec.nodeName         | invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'
            '=x'                  | invalid selector: '=x'; can't understand '=x'
            """)
    void aTermWithoutOperatorIsRejected(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector)).hasMessage(message);
    }
}
