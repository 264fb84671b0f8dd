package io.everynode.advisor.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * E1.6: kubectl's DaemonSet rollout status messages, plus the progress deadline as kubectl words it
 * for Deployments, and E1.7's held rollout.
 */
class DaemonSetRolloutStatusTest {
    /** generation, observedGeneration, desired, updated, available, Progressing reason (null: none). */
    static DaemonSet ds(
            String strategy, long gen, long observed, int desired, int updated, int available, String reason) {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withGeneration(gen)
                .endMetadata()
                .withNewSpec()
                .withNewUpdateStrategy()
                .withType(strategy)
                .endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(observed)
                .withDesiredNumberScheduled(desired)
                .withUpdatedNumberScheduled(updated)
                .withNumberAvailable(available)
                .endStatus()
                .build();
        if (reason != null) {
            DaemonSetCondition c = new DaemonSetCondition();
            c.setType("Progressing");
            c.setStatus(
                    switch (reason) {
                        case "ProgressDeadlineExceeded" -> "False";
                        case "RolloutHeld", "StageSoaking" -> "Unknown";
                        default -> "True";
                    });
            c.setReason(reason);
            c.setMessage("DaemonSet \"agent\" is held: 3 nodes keep the old revision (3 by the partition).");
            ds.getStatus().setConditions(List.of(c));
        }
        return ds;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "a spec not yet observed",
                        ds("RollingUpdate", 2, 1, 3, 3, 3, null),
                        new DaemonSetRolloutStatus.Verdict(
                                "Waiting for daemon set spec update to be observed...\n", false, null)),
                Arguments.of(
                        "pods still to update",
                        ds("RollingUpdate", 2, 2, 3, 1, 2, "DaemonSetUpdated"),
                        new DaemonSetRolloutStatus.Verdict(
                                "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been"
                                        + " updated...\n",
                                false,
                                null)),
                Arguments.of(
                        "updated pods not yet available",
                        ds("RollingUpdate", 2, 2, 3, 3, 2, null),
                        new DaemonSetRolloutStatus.Verdict(
                                "Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are"
                                        + " available...\n",
                                false,
                                null)),
                Arguments.of(
                        "rolled out",
                        ds("RollingUpdate", 2, 2, 3, 3, 3, "NewRevisionAvailable"),
                        new DaemonSetRolloutStatus.Verdict(
                                "daemon set \"agent\" successfully rolled out\n", true, null)),
                Arguments.of(
                        "past its progress deadline",
                        ds("RollingUpdate", 2, 2, 3, 1, 2, "ProgressDeadlineExceeded"),
                        new DaemonSetRolloutStatus.Verdict(
                                "", false, "daemon set \"agent\" exceeded its progress deadline")),
                Arguments.of(
                        "a deadline of an older generation is not read, as kubectl's Deployment viewer",
                        ds("RollingUpdate", 3, 2, 3, 1, 2, "ProgressDeadlineExceeded"),
                        new DaemonSetRolloutStatus.Verdict(
                                "Waiting for daemon set spec update to be observed...\n", false, null)),
                Arguments.of(
                        "E1.7: every node left held by the partition: done as far as it may go",
                        ds("RollingUpdate", 2, 2, 5, 2, 5, "RolloutHeld"),
                        new DaemonSetRolloutStatus.Verdict(
                                "daemon set \"agent\" rolled out to every node it may update: 2 out of 5 new pods"
                                        + " have been updated; 3 nodes keep the old revision (3 by the partition)\n",
                                true,
                                null)),
                Arguments.of(
                        "E1.7: a soaking stage is waited for",
                        ds("RollingUpdate", 2, 2, 5, 1, 5, "StageSoaking"),
                        new DaemonSetRolloutStatus.Verdict(
                                "Waiting for daemon set \"agent\" rollout to finish: 1 out of 5 new pods have been"
                                        + " updated...\n",
                                false,
                                null)),
                Arguments.of(
                        "OnDelete cannot be followed",
                        ds("OnDelete", 1, 1, 3, 3, 3, null),
                        new DaemonSetRolloutStatus.Verdict(
                                "", true, "rollout status is only available for RollingUpdate strategy type")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void theVerdictIsKubectlsPlusTheProgressDeadline(String name, DaemonSet ds, DaemonSetRolloutStatus.Verdict want) {
        assertThat(DaemonSetRolloutStatus.of(ds)).isEqualTo(want);
    }
}
