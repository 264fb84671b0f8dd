package io.everynode.apiserver.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditPolicyReaderTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a rule without a level | '- users: [a]' | 'rules[0].level: Required value'
            an unknown level | '- level: Everything' | 'rules[0].level: Unsupported value: \"Everything\": supported values: \"None\", \"Metadata\", \"Request\", \"RequestResponse\"'
            resources and URLs in one rule | '- level: Metadata\n  resources: [{group: \"\"}]\n  nonResourceURLs: [/healthz]' | 'rules[0].nonResourceURLs: Invalid value: [\"/healthz\"]: rules cannot apply to both regular resources and non-resource URLs'
            a URL without a slash | '- level: Metadata\n  nonResourceURLs: [healthz]' | 'rules[0].nonResourceURLs[0]: Invalid value: \"healthz\": non-resource URL rules must begin with a ''/'' character'
            a wildcard inside a URL | '- level: Metadata\n  nonResourceURLs: [\"/api/*/x\"]' | 'rules[0].nonResourceURLs[0]: Invalid value: \"/api/*/x\": non-resource URL wildcards ''*'' must be the final character of the rule'
            an unknown stage | '- level: Metadata\n  omitStages: [RequestReceived, Whenever]' | 'rules[0].omitStages[1]: Unsupported value: \"Whenever\"'
            names with a wildcard resource | '- level: Metadata\n  resources: [{group: \"\", resources: [\"*\"], resourceNames: [a]}]' | 'using resourceNames with wildcard resources is not allowed'
            """)
    void aBadPolicyIsRefusedNamingTheField(String what, String rules, String message) {
        String yaml = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n" + rules.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> AuditPolicyReader.parse(yaml.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anotherKindOrVersionIsRefused() {
        assertThatThrownBy(() -> AuditPolicyReader.parse(
                        "apiVersion: audit.k8s.io/v1beta1\nkind: Policy\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage(
                        "apiVersion: Unsupported value: \"audit.k8s.io/v1beta1\": supported values: \"audit.k8s.io/v1\"");
    }

    @Test
    void theFileIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n");
        assertThatThrownBy(() -> AuditPolicyReader.read(file))
                .hasMessageStartingWith("error while parsing audit policy file \"" + file + "\": rules[0].level");
        assertThatThrownBy(() -> AuditPolicyReader.read(dir.resolve("none.yaml")))
                .hasMessageEndingWith("none.yaml\": no such file");
    }
}
