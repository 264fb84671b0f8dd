package io.everynode.api.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.validation.FieldError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacePolicyTest {

    @Test
    void aNamespaceWithoutLabelsGetsTheDefault() {
        NamespacePolicy.Parsed p = NamespacePolicy.parse(Map.of(), NamespacePolicy.PRIVILEGED);

        assertThat(p.policy().fullyPrivileged()).isTrue();
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void eachModeReadsItsLevelAndVersion() {
        NamespacePolicy.Parsed p = NamespacePolicy.parse(
                Map.of(
                        "pod-security.kubernetes.io/enforce", "baseline",
                        "pod-security.kubernetes.io/enforce-version", "v1.35",
                        "pod-security.kubernetes.io/warn", "restricted",
                        "other", "x"),
                NamespacePolicy.PRIVILEGED);

        assertThat(p.errors()).isEmpty();
        assertThat(p.policy().enforce()).hasToString("baseline:v1.35");
        assertThat(p.policy().warn()).hasToString("restricted:latest");
        assertThat(p.policy().audit()).hasToString("privileged:latest");
    }

    @Test
    void withoutAWarnLabelWarnFollowsAStricterEnforceLevel() {
        NamespacePolicy.Parsed p = NamespacePolicy.parse(
                Map.of(
                        "pod-security.kubernetes.io/enforce", "baseline",
                        "pod-security.kubernetes.io/enforce-version", "v1.30"),
                NamespacePolicy.PRIVILEGED);

        assertThat(p.policy().warn()).hasToString("baseline:v1.30");
        assertThat(p.policy().audit()).hasToString("privileged:latest");
    }

    @Test
    void invalidValuesAreNamedWithUpstreamsMessagesAndEnforceFailsClosed() {
        NamespacePolicy.Parsed p = NamespacePolicy.parse(
                Map.of(
                        "pod-security.kubernetes.io/enforce", "strict",
                        "pod-security.kubernetes.io/warn", "loose",
                        "pod-security.kubernetes.io/audit-version", "1.35"),
                NamespacePolicy.PRIVILEGED);

        assertThat(p.errors())
                .extracting(FieldError::message)
                .containsExactly(
                        "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": must be one"
                                + " of privileged, baseline, restricted",
                        "metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: \"1.35\": must be"
                                + " \"latest\" or \"v1.x\"",
                        "metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: \"loose\": must be one of"
                                + " privileged, baseline, restricted");
        assertThat(p.policy().enforce().level()).isEqualTo(Level.RESTRICTED);
        assertThat(p.policy().warn().level()).isEqualTo(Level.PRIVILEGED);
    }
}
