package io.everynode.api.selector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSyntaxTest {

    @ParameterizedTest(name = "[{index}] key \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            app                          | ''
            example.com/app              | ''
            kubernetes.io/hostname       | ''
            ''                           | name part must be non-empty
            /app                         | prefix part must be non-empty
            Example.com/app              | prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            -app                         | name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
            a/b/c                        | a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')
            """)
    void qualifiedNames(String key, String firstError) {
        assertThat(String.join("|", LabelSyntax.qualifiedName(key))).startsWith(firstError);
        assertThat(LabelSyntax.qualifiedName(key).isEmpty()).isEqualTo(firstError.isEmpty());
    }

    @ParameterizedTest(name = "[{index}] value \"{0}\" valid={1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''           | true
            fluent-bit   | true
            My_Value.1   | true
            -bad         | false
            'has space'  | false
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false
            """)
    void labelValues(String value, boolean valid) {
        assertThat(LabelSyntax.labelValue(value).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{index}] name \"{0}\" label={1} subdomain={2}")
    @CsvSource(delimiter = '|', textBlock = """
            fluent-bit      | true  | true
            fluent.bit      | false | true
            Fluent          | false | false
            -x              | false | false
            """)
    void dnsNames(String name, boolean label, boolean subdomain) {
        assertThat(LabelSyntax.dns1123Label(name).isEmpty()).isEqualTo(label);
        assertThat(LabelSyntax.dns1123Subdomain(name).isEmpty()).isEqualTo(subdomain);
    }
}
