package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectMetaValidationTest {

    @ParameterizedTest(name = "[{index}] name={0} generateName={1} ns={2} namespaced={3}")
    @CsvSource(delimiter = '|', textBlock = """
            fluent-bit | ''          | logging | true  | DNS_SUBDOMAIN | ''
            a.b        | ''          | ''      | false | DNS_SUBDOMAIN | ''
            a.b        | ''          | ''      | false | DNS_LABEL     | metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
            ''         | ''          | logging | true  | DNS_SUBDOMAIN | metadata.name: Required value: name or generateName is required
            ''         | fb-         | logging | true  | DNS_SUBDOMAIN | ''
            ''         | FB-         | logging | true  | DNS_SUBDOMAIN | metadata.generateName: Invalid value: "FB-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            x          | ''          | ''      | true  | DNS_SUBDOMAIN | metadata.namespace: Required value
            x          | ''          | ns      | false | DNS_SUBDOMAIN | metadata.namespace: Forbidden: not allowed on this type
            """)
    void namesAndNamespaces(
            String name,
            String generateName,
            String ns,
            boolean namespaced,
            ObjectMetaValidation.NameRule rule,
            String expected) {
        ObjectMeta meta = new ObjectMetaBuilder()
                .withName(name.isEmpty() ? null : name)
                .withGenerateName(generateName.isEmpty() ? null : generateName)
                .withNamespace(ns.isEmpty() ? null : ns)
                .build();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(ObjectMetaValidation.validate(meta, namespaced, rule)))
                .containsExactlyElementsOf(want);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            name      | metadata.name: Invalid value: "other": field is immutable
            namespace | metadata.namespace: Invalid value: "other": field is immutable
            uid       | metadata.uid: Invalid value: "other": field is immutable
            labels    | ''
            """)
    void identityFieldsAreImmutable(String field, String expected) {
        ObjectMeta old = new ObjectMetaBuilder()
                .withName("x")
                .withNamespace("ns")
                .withUid("u1")
                .build();
        ObjectMeta updated = new ObjectMetaBuilder(old).build();
        switch (field) {
            case "name" -> updated.setName("other");
            case "namespace" -> updated.setNamespace("other");
            case "uid" -> updated.setUid("other");
            default -> updated.setLabels(java.util.Map.of("a", "b"));
        }
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(ObjectMetaValidation.validateUpdate(updated, old))).containsExactlyElementsOf(want);
    }
}
