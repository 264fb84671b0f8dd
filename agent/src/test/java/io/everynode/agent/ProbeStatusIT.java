package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.probe.ProbeKind;
import io.everynode.agent.probe.ProbeView;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How probe results join the pod status and the sync's plan (pure). */
class ProbeStatusIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Probe EXEC =
            new ProbeBuilder().withNewExec().withCommand("true").endExec().build();

    private static Pod pod(boolean readiness, boolean startup) {
        return TestCluster.pod("web", "n1")
                .editMetadata()
                .withUid("u1")
                .endMetadata()
                .editSpec()
                .editFirstContainer()
                .withReadinessProbe(readiness ? EXEC : null)
                .withStartupProbe(startup ? EXEC : null)
                .endContainer()
                .endSpec()
                .build();
    }

    private static RuntimePod running(String id, boolean runtimeReady) {
        RuntimeContainer c = new RuntimeContainer(
                "main",
                id,
                "busybox:1.36",
                "img",
                RuntimeContainer.State.RUNNING,
                runtimeReady,
                T0,
                null,
                null,
                null,
                null);
        return new RuntimePod("u1", "default/web", "10.0.0.2", Map.of("main", c), 0, false);
    }

    /** Rows: readiness probe?, startup probe?, the runtime's ready stage, the probe view (null: none yet) → started, ready. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(false, false, true, null, true, true),
                Arguments.of(false, false, false, null, true, false),
                Arguments.of(true, false, true, null, true, false),
                Arguments.of(false, true, true, null, false, false),
                Arguments.of(true, false, true, new ProbeView("c1", true, true, null), true, true),
                Arguments.of(true, false, true, new ProbeView("c1", true, false, null), true, false),
                Arguments.of(true, false, false, new ProbeView("c1", true, true, null), true, false),
                Arguments.of(true, true, true, new ProbeView("c1", false, false, null), false, false),
                Arguments.of(true, true, true, new ProbeView("c1", true, true, null), true, true),
                // a view of an earlier instance does not apply to this one
                Arguments.of(true, false, true, new ProbeView("c0", true, true, null), true, false));
    }

    @ParameterizedTest(name = "readiness {0} startup {1} runtime ready {2} view {3}: started {4} ready {5}")
    @MethodSource("rows")
    void startedAndReadyComeFromTheProbesOfTheCurrentInstance(
            boolean readiness, boolean startup, boolean runtimeReady, ProbeView view, boolean started, boolean ready) {
        PodStatus s = PodStatusMath.compute(
                pod(readiness, startup),
                running("c1", runtimeReady),
                new PodStatusMath.Bookkeeping(Map.of(), Map.of(), view == null ? Map.of() : Map.of("main", view)),
                "127.0.0.1",
                T0);
        var cs = s.getContainerStatuses().get(0);
        assertThat(cs.getStarted()).isEqualTo(started);
        assertThat(cs.getReady()).isEqualTo(ready);
        assertThat(s.getConditions())
                .filteredOn(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
                .extracting(c -> c.getStatus())
                .containsOnly(ready ? "True" : "False");
    }

    @Test
    void aKillRequestForTheRunningInstanceIsPlannedOnce() {
        Pod pod = pod(false, false);
        PodPlan plan = PodPlan.decide(
                pod,
                running("c1", true),
                PodPlan.crashLoopBackoff(new ManualClock(T0)),
                T0,
                Map.of("main", new ProbeView("c1", true, true, ProbeKind.LIVENESS)));
        assertThat(plan.kill())
                .extracting(k -> k.container().getName() + "/" + k.probe())
                .containsExactly("main/LIVENESS");
        assertThat(plan.start()).isEmpty();
        assertThat(plan.restart()).isEmpty();
    }

    @Test
    void aKillRequestOfAnEarlierInstanceOrWithoutAFailureKillsNothing() {
        Pod pod = pod(false, false);
        assertThat(PodPlan.decide(
                                pod,
                                running("c2", true),
                                PodPlan.crashLoopBackoff(new ManualClock(T0)),
                                T0,
                                Map.of("main", new ProbeView("c1", true, true, ProbeKind.LIVENESS)))
                        .kill())
                .isEmpty();
        assertThat(PodPlan.decide(
                                pod,
                                running("c1", true),
                                PodPlan.crashLoopBackoff(new ManualClock(T0)),
                                T0,
                                Map.of("main", new ProbeView("c1", true, false, null)))
                        .kill())
                .isEmpty();
    }
}
