package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseValidationTest {
    @ParameterizedTest(name = "[{index}] duration={0} transitions={1}")
    @CsvSource(delimiter = '|', textBlock = """
            40 | 0  | ''
            0  | 0  | spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0
            40 | -1 | spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0
            """)
    void leaseNumbersAreChecked(int duration, int transitions, String expected) {
        Lease lease = new LeaseBuilder()
                .withNewMetadata()
                .withName("n1")
                .withNamespace("kube-node-lease")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("n1")
                .withLeaseDurationSeconds(duration)
                .withLeaseTransitions(transitions)
                .endSpec()
                .build();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected);
        assertThat(messages(LeaseValidation.validateCreate(lease))).containsExactlyElementsOf(want);
    }
}
