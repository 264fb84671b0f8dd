package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespaceValidationTest {
    @ParameterizedTest(name = "[{index}] {0} finalizer {1}")
    @CsvSource(delimiter = '|', textBlock = """
            logging    | kubernetes       | ''
            logging    | example.com/x    | ''
            logging    | mine             | spec.finalizers[0]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified
            log.ging   | kubernetes       | metadata.name: Invalid value: "log.ging": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
            """)
    void namespacesUseLabelNamesAndKnownFinalizers(String name, String finalizer, String expected) {
        Namespace ns = new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withFinalizers(finalizer)
                .endSpec()
                .build();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(NamespaceValidation.validateCreate(ns))).containsExactlyElementsOf(want);
    }
}
