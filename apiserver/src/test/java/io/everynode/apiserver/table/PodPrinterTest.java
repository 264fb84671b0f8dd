package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.ago;
import static io.everynode.apiserver.table.Fixtures.restarted;
import static io.everynode.apiserver.table.Fixtures.running;
import static io.everynode.apiserver.table.Fixtures.status;
import static io.everynode.apiserver.table.Fixtures.terminated;
import static io.everynode.apiserver.table.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {
    private final PodPrinter printer = new PodPrinter();

    /** A pod sketch: app containers c0..cN-1, init containers i0..iM-1 (sidecars flagged). */
    private static final class P {
        final PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName("fluent-bit-abcde")
                .withCreationTimestamp(ago(Duration.ofMinutes(5)))
                .endMetadata();
        final List<ContainerStatus> app = new ArrayList<>();
        final List<ContainerStatus> init = new ArrayList<>();
        final List<PodCondition> conditions = new ArrayList<>();
        int apps = 1;
        final List<Boolean> inits = new ArrayList<>();
        String phase = "Running";
        String reason;
        boolean deleting;

        P apps(int n) {
            apps = n;
            return this;
        }

        P init(boolean sidecar) {
            inits.add(sidecar);
            return this;
        }

        P app(ContainerStatus s) {
            app.add(s);
            return this;
        }

        P initStatus(ContainerStatus s) {
            init.add(s);
            return this;
        }

        P phase(String p) {
            phase = p;
            return this;
        }

        P reason(String r) {
            reason = r;
            return this;
        }

        P condition(String type, String status, String reason) {
            conditions.add(new PodConditionBuilder()
                    .withType(type)
                    .withStatus(status)
                    .withReason(reason)
                    .build());
            return this;
        }

        P deleting() {
            deleting = true;
            return this;
        }

        Pod build() {
            b.editOrNewSpec().endSpec();
            for (int i = 0; i < apps; i++) {
                b.editSpec()
                        .addToContainers(new ContainerBuilder()
                                .withName("c" + i)
                                .withImage("img" + i)
                                .build())
                        .endSpec();
            }
            for (int i = 0; i < inits.size(); i++) {
                b.editSpec()
                        .addToInitContainers(new ContainerBuilder()
                                .withName("i" + i)
                                .withRestartPolicy(inits.get(i) ? "Always" : null)
                                .build())
                        .endSpec();
            }
            if (deleting) {
                b.editMetadata()
                        .withDeletionTimestamp(ago(Duration.ofSeconds(10)))
                        .endMetadata();
            }
            return b.withNewStatus()
                    .withPhase(phase)
                    .withReason(reason)
                    .withContainerStatuses(app)
                    .withInitContainerStatuses(init)
                    .withConditions(conditions)
                    .endStatus()
                    .build();
        }
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of(
                        "a running ready container",
                        new P().app(status("c0", running(), true, 0)).condition("Ready", "True", null),
                        "1/1",
                        "Running",
                        "0"),
                Arguments.of(
                        "a pending pod without statuses shows its phase",
                        new P().apps(2).phase("Pending"),
                        "0/2",
                        "Pending",
                        "0"),
                Arguments.of(
                        "a waiting reason wins and restarts show the last restart's age",
                        new P().app(restarted("c0", waiting("CrashLoopBackOff"), false, 4, Duration.ofMinutes(2))),
                        "0/1",
                        "CrashLoopBackOff",
                        "4 (2m ago)"),
                Arguments.of(
                        "restarts without a known last termination show only the count",
                        new P().app(status("c0", running(), true, 3)),
                        "1/1",
                        "Running",
                        "3"),
                Arguments.of(
                        "a terminated reason wins",
                        new P().app(status("c0", terminated("OOMKilled", 137, null), false, 0)),
                        "0/1",
                        "OOMKilled",
                        "0"),
                Arguments.of(
                        "a terminated container without reason shows its signal",
                        new P().app(status("c0", terminated(null, 137, 9), false, 0)),
                        "0/1",
                        "Signal:9",
                        "0"),
                Arguments.of(
                        "a terminated container without reason or signal shows its exit code",
                        new P().app(status("c0", terminated(null, 2, null), false, 0)),
                        "0/1",
                        "ExitCode:2",
                        "0"),
                Arguments.of(
                        "the first container decides when several have reasons (walked last to first)",
                        new P()
                                .apps(2)
                                .app(status("c0", waiting("ImagePullBackOff"), false, 0))
                                .app(status("c1", waiting("ErrImagePull"), false, 0)),
                        "0/2",
                        "ImagePullBackOff",
                        "0"),
                Arguments.of(
                        "an init container still running shows Init:i/n",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .init(false)
                                .initStatus(status("i0", terminated("Completed", 0, null), false, 0))
                                .initStatus(status("i1", running(), false, 0))
                                .app(status("c0", waiting("PodInitializing"), false, 0)),
                        "0/1",
                        "Init:1/2",
                        "0"),
                Arguments.of(
                        "an init container waiting with PodInitializing counts as not started",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .initStatus(status("i0", waiting("PodInitializing"), false, 0)),
                        "0/1",
                        "Init:0/1",
                        "0"),
                Arguments.of(
                        "an init container waiting with a reason shows Init:<reason>",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .initStatus(
                                        restarted("i0", waiting("CrashLoopBackOff"), false, 3, Duration.ofSeconds(59))),
                        "0/1",
                        "Init:CrashLoopBackOff",
                        "3 (59s ago)"),
                Arguments.of(
                        "a failed init container shows Init:<reason>",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .initStatus(status("i0", terminated("Error", 1, null), false, 0)),
                        "0/1",
                        "Init:Error",
                        "0"),
                Arguments.of(
                        "a failed init container without reason shows Init:ExitCode:n",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .initStatus(status("i0", terminated(null, 3, null), false, 0)),
                        "0/1",
                        "Init:ExitCode:3",
                        "0"),
                Arguments.of(
                        "a killed init container without reason shows Init:Signal:n",
                        new P()
                                .phase("Pending")
                                .init(false)
                                .initStatus(status("i0", terminated(null, 143, 15), false, 0)),
                        "0/1",
                        "Init:Signal:15",
                        "0"),
                Arguments.of(
                        "a started sidecar counts as a ready container and its restarts are kept",
                        new P()
                                .init(true)
                                .initStatus(withStarted(restarted("i0", running(), true, 1, Duration.ofHours(3)), true))
                                .app(restarted("c0", running(), true, 2, Duration.ofMinutes(10)))
                                .condition("Ready", "True", null),
                        "2/2",
                        "Running",
                        "3 (10m ago)"),
                Arguments.of(
                        "Completed turns back into Running while a container runs and the pod is Ready",
                        new P()
                                .apps(2)
                                .app(status("c0", running(), true, 0))
                                .app(status("c1", terminated("Completed", 0, null), false, 0))
                                .condition("Ready", "True", null),
                        "1/2",
                        "Running",
                        "0"),
                Arguments.of(
                        "Completed turns into NotReady while a container runs and the pod is not Ready",
                        new P()
                                .apps(2)
                                .app(status("c0", running(), true, 0))
                                .app(status("c1", terminated("Completed", 0, null), false, 0))
                                .condition("Ready", "False", null),
                        "1/2",
                        "NotReady",
                        "0"),
                Arguments.of(
                        "a succeeded pod shows Completed",
                        new P().phase("Succeeded").app(status("c0", terminated("Completed", 0, null), false, 0)),
                        "0/1",
                        "Completed",
                        "0"),
                Arguments.of(
                        "a pod reason such as Evicted shows as is",
                        new P().phase("Failed").reason("Evicted"),
                        "0/1",
                        "Evicted",
                        "0"),
                Arguments.of(
                        "a gated pod shows SchedulingGated",
                        new P().phase("Pending").condition("PodScheduled", "False", "SchedulingGated"),
                        "0/1",
                        "SchedulingGated",
                        "0"),
                Arguments.of(
                        "a running pod being deleted shows Terminating",
                        new P().deleting().app(status("c0", running(), true, 0)),
                        "1/1",
                        "Terminating",
                        "0"),
                Arguments.of(
                        "a terminal pod being deleted keeps its status",
                        new P()
                                .deleting()
                                .phase("Succeeded")
                                .app(status("c0", terminated("Completed", 0, null), false, 0)),
                        "0/1",
                        "Completed",
                        "0"),
                Arguments.of(
                        "a pod being deleted on a lost node shows Unknown",
                        new P().deleting().reason("NodeLost").app(status("c0", running(), true, 0)),
                        "1/1",
                        "Unknown",
                        "0"));
    }

    private static ContainerStatus withStarted(ContainerStatus s, boolean started) {
        s.setStarted(started);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void readyStatusAndRestartsFollowUpstreamRules(String why, P pod, String ready, String status, String restarts) {
        List<Object> cells = printer.cells(pod.build(), NOW);
        assertThat(cells.subList(0, 5)).containsExactly("fluent-bit-abcde", ready, status, restarts, "5m");
    }

    @Test
    void wideCellsShowIpNodeNominatedNodeAndReadinessGates() {
        Pod pod = new P()
                .app(status("c0", running(), true, 0))
                .condition("example.com/lb", "True", null)
                .condition("example.com/dns", "False", null)
                .build();
        pod.getSpec().setNodeName("node1");
        pod.getSpec()
                .setReadinessGates(List.of(
                        new io.fabric8.kubernetes.api.model.PodReadinessGate("example.com/lb"),
                        new io.fabric8.kubernetes.api.model.PodReadinessGate("example.com/dns"),
                        new io.fabric8.kubernetes.api.model.PodReadinessGate("example.com/absent")));
        pod.getStatus().setPodIP("10.0.0.9");
        pod.getStatus().setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP("10.0.0.7")));
        pod.getStatus().setNominatedNodeName("node2");

        assertThat(printer.cells(pod, NOW).subList(5, 9)).containsExactly("10.0.0.7", "node1", "node2", "1/3");
    }

    @Test
    void wideCellsFallBackToPodIpAndNone() {
        Pod pod = new P().phase("Pending").build();
        assertThat(printer.cells(pod, NOW).subList(5, 9)).containsExactly("<none>", "<none>", "<none>", "<none>");

        pod.getStatus().setPodIP("10.0.0.9");
        assertThat(printer.cells(pod, NOW).get(5)).isEqualTo("10.0.0.9");
    }

    @Test
    void columnsAreUpstreamsWithFourWideOnes() {
        assertThat(printer.columns())
                .extracting(TableColumn::name)
                .containsExactly(
                        "Name",
                        "Ready",
                        "Status",
                        "Restarts",
                        "Age",
                        "IP",
                        "Node",
                        "Nominated Node",
                        "Readiness Gates");
        assertThat(printer.columns()).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(printer.columns().get(0).format()).isEqualTo("name");
        assertThat(printer.columns().get(3).type()).isEqualTo("string");
    }
}
