package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** E3.2: which new pods count as failing, as a table over one pod each, on a manual clock. */
class FailingPodsTest {
    private static final Instant CREATED = new ManualClock().instant();
    private static final int UNREADY = 60;

    record Row(String name, Pod pod, Duration age, Optional<String> reason) {}

    static List<Row> rows() {
        return List.of(
                new Row("ready pod", pod().ready(true).build(), Duration.ofHours(1), Optional.empty()),
                new Row(
                        "CrashLoopBackOff",
                        pod().waiting("CrashLoopBackOff", 1).build(),
                        Duration.ofSeconds(5),
                        Optional.of("container c in CrashLoopBackOff")),
                new Row(
                        "three restarts, running",
                        pod().waiting(null, 3).build(),
                        Duration.ofSeconds(5),
                        Optional.of("container c restarted 3 times")),
                new Row(
                        "two restarts, running",
                        pod().waiting(null, 2).build(),
                        Duration.ofSeconds(5),
                        Optional.empty()),
                new Row(
                        "not ready within the threshold",
                        pod().ready(false).build(),
                        Duration.ofSeconds(UNREADY),
                        Optional.empty()),
                new Row(
                        "not ready beyond the threshold",
                        pod().ready(false).build(),
                        Duration.ofSeconds(UNREADY + 1),
                        Optional.of("not ready for more than 60s")),
                new Row("failed pod", pod().phase("Failed").build(), Duration.ofSeconds(1), Optional.of("pod failed")),
                new Row(
                        "terminating crash-looper",
                        pod().waiting("CrashLoopBackOff", 5).terminating().build(),
                        Duration.ofHours(1),
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachPodIsJudgedByItsStatusAndAge(Row row) {
        FailingPods.Result r = FailingPods.of(List.of(row.pod()), UNREADY, 3, CREATED.plus(row.age()));
        Optional<String> reason =
                r.failing().stream().map(FailingPods.Failing::reason).findFirst();
        assertThat(reason.isPresent()).isEqualTo(row.reason().isPresent());
        row.reason().ifPresent(want -> assertThat(reason.get()).startsWith(want));
    }

    @org.junit.jupiter.api.Test
    void aPodNotYetOverTheThresholdAsksForARecheckWhenItWouldBe() {
        FailingPods.Result r = FailingPods.of(List.of(pod().ready(false).build()), UNREADY, 3, CREATED.plusSeconds(10));
        assertThat(r.failing()).isEmpty();
        assertThat(r.recheck()).contains(Duration.ofSeconds(UNREADY - 10).plus(RolloutProgress.MARGIN));
    }

    private static Spec pod() {
        return new Spec();
    }

    /** One pod of one container "c" on node-1, created at {@link #CREATED}. */
    private static final class Spec {
        private final PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName("ds-1")
                .withCreationTimestamp(CREATED.toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .addNewContainer()
                .withName("c")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus();

        Spec ready(boolean ready) {
            b.editStatus()
                    .withConditions(new PodConditionBuilder()
                            .withType("Ready")
                            .withStatus(ready ? "True" : "False")
                            .build())
                    .endStatus();
            return this;
        }

        Spec waiting(String reason, int restarts) {
            ContainerStatus c = new ContainerStatus();
            c.setName("c");
            c.setRestartCount(restarts);
            c.setState(
                    reason == null
                            ? new ContainerStateBuilder()
                                    .withNewRunning()
                                    .endRunning()
                                    .build()
                            : new ContainerStateBuilder()
                                    .withNewWaiting()
                                    .withReason(reason)
                                    .endWaiting()
                                    .build());
            b.editStatus().withContainerStatuses(c).endStatus();
            return this;
        }

        Spec phase(String phase) {
            b.editStatus().withPhase(phase).endStatus();
            return this;
        }

        Spec terminating() {
            b.editMetadata().withDeletionTimestamp(CREATED.toString()).endMetadata();
            return this;
        }

        Pod build() {
            return b.build();
        }
    }
}
