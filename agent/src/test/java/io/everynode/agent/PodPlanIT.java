package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.client.Backoff;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodPlanIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Pod pod(String restartPolicy) {
        Pod p = TestCluster.pod("web", "n1")
                .editSpec()
                .withRestartPolicy(restartPolicy)
                .endSpec()
                .editMetadata()
                .withUid("u1")
                .endMetadata()
                .build();
        return p;
    }

    private static RuntimePod exited(int code, Instant at) {
        RuntimeContainer c = new RuntimeContainer(
                "main",
                "simulated://1",
                "busybox:1.36",
                "img",
                RuntimeContainer.State.TERMINATED,
                false,
                at.minusSeconds(1),
                at,
                code,
                code == 0 ? "Completed" : "Error",
                null);
        return new RuntimePod("u1", "default/web", "10.0.0.2", Map.of("main", c), 0, false);
    }

    @Test
    void aPodTheRuntimeDoesNotHoldStartsEveryContainer() {
        PodPlan plan = PodPlan.decide(pod("Always"), null, PodPlan.crashLoopBackoff(new ManualClock(T0)), T0);
        assertThat(plan.start()).extracting(c -> c.getName()).containsExactly("main");
        assertThat(plan.restart()).isEmpty();
        assertThat(plan.requeueAfter()).isEmpty();
    }

    @Test
    void aCrashedContainerRestartsAtOnceThenWaitsTenSecondsThenTwenty() {
        ManualClock clock = new ManualClock(T0);
        Backoff<String> backoff = PodPlan.crashLoopBackoff(clock);
        Pod pod = pod("Always");

        PodPlan first = PodPlan.decide(pod, exited(1, clock.instant()), backoff, clock.instant());
        assertThat(first.restart()).hasSize(1);
        backoff.next("u1/main");

        clock.advance(Duration.ofSeconds(2));
        PodPlan second = PodPlan.decide(pod, exited(1, clock.instant()), backoff, clock.instant());
        assertThat(second.restart()).isEmpty();
        assertThat(second.backoffUntil()).containsEntry("main", clock.instant().plusSeconds(10));
        assertThat(second.requeueAfter()).contains(Duration.ofSeconds(10));

        Instant crashedAt = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        PodPlan third = PodPlan.decide(pod, exited(1, crashedAt), backoff, clock.instant());
        assertThat(third.restart()).hasSize(1);
        backoff.next("u1/main");

        clock.advance(Duration.ofSeconds(1));
        PodPlan fourth = PodPlan.decide(pod, exited(1, clock.instant()), backoff, clock.instant());
        assertThat(fourth.requeueAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void restartPolicyDecidesWhetherAnExitedContainerComesBack() {
        record Case(String policy, int exitCode, boolean restarts) {}
        for (Case c : new Case[] {
            new Case("Always", 0, true),
            new Case("Always", 1, true),
            new Case("OnFailure", 0, false),
            new Case("OnFailure", 1, true),
            new Case("Never", 1, false),
            new Case("Never", 0, false)
        }) {
            PodPlan plan = PodPlan.decide(
                    pod(c.policy()), exited(c.exitCode(), T0), PodPlan.crashLoopBackoff(new ManualClock(T0)), T0);
            assertThat(plan.restart().isEmpty()).as(c.toString()).isEqualTo(!c.restarts());
        }
    }

    @Test
    void aWaitingContainerShowsCrashLoopBackOffWithTheLastTermination() {
        Pod pod = pod("Always");
        PodStatus s = PodStatusMath.compute(
                pod,
                exited(1, T0),
                new PodStatusMath.Bookkeeping(Map.of("main", 3), Map.of("main", T0.plusSeconds(40))),
                "127.0.0.1",
                T0.plusSeconds(1));
        var cs = s.getContainerStatuses().get(0);
        assertThat(cs.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(cs.getState().getWaiting().getMessage())
                .startsWith("back-off 40s restarting failed container=main pod=web_default(u1)");
        assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(cs.getRestartCount()).isEqualTo(3);
        assertThat(s.getPhase()).isEqualTo("Running");
        assertThat(s.getConditions())
                .filteredOn(c -> c.getType().equals("Ready"))
                .extracting(c -> c.getStatus())
                .containsExactly("False");
    }

    @Test
    void theStatusListsEveryAddressOfThePodWithTheFirstAsPodIP() {
        RuntimePod one = exited(0, T0);
        RuntimePod rp = new RuntimePod(
                "u1", "default/web", java.util.List.of("10.244.1.5", "fd00::5"), one.containers(), 0, false);
        PodStatus s = PodStatusMath.compute(
                pod("Always"), rp, new PodStatusMath.Bookkeeping(Map.of(), Map.of()), "127.0.0.1", T0);
        assertThat(s.getPodIP()).isEqualTo("10.244.1.5");
        assertThat(s.getPodIPs()).extracting(ip -> ip.getIp()).containsExactly("10.244.1.5", "fd00::5");
    }

    @Test
    void aPodWithoutAnAddressYetHasNoPodIPs() {
        RuntimePod one = exited(0, T0);
        RuntimePod rp = new RuntimePod("u1", "default/web", java.util.List.of(), one.containers(), 0, false);
        PodStatus s = PodStatusMath.compute(
                pod("Always"), rp, new PodStatusMath.Bookkeeping(Map.of(), Map.of()), "127.0.0.1", T0);
        assertThat(s.getPodIP()).isNull();
        assertThat(s.getPodIPs()).isEmpty();
    }

    @Test
    void computingTwiceKeepsTransitionTimesSoNothingIsWrittenAgain() {
        Pod pod = pod("Always");
        RuntimeContainer c = new RuntimeContainer(
                "main",
                "simulated://1",
                "busybox:1.36",
                "img",
                RuntimeContainer.State.RUNNING,
                true,
                T0,
                null,
                null,
                null,
                null);
        RuntimePod rp = new RuntimePod("u1", "default/web", "10.0.0.2", Map.of("main", c), 0, false);
        PodStatusMath.Bookkeeping book = new PodStatusMath.Bookkeeping(Map.of(), Map.of());
        PodStatus first = PodStatusMath.compute(pod, rp, book, "127.0.0.1", T0.plusSeconds(1));
        pod.setStatus(first);
        PodStatus second = PodStatusMath.compute(pod, rp, book, "127.0.0.1", T0.plusSeconds(60));
        assertThat(second).isEqualTo(first);
        assertThat(first.getPhase()).isEqualTo("Running");
        assertThat(first.getContainerStatuses().get(0).getReady()).isTrue();
    }

    @Test
    void aContainerStoppedForItsLivenessProbeRestartsUnderOnFailureEvenAfterExitingZero() {
        RuntimePod rp = exited(0, T0);
        assertThat(PodPlan.decide(pod("OnFailure"), rp, PodPlan.crashLoopBackoff(new ManualClock(T0)), T0)
                        .restart())
                .isEmpty();
        assertThat(PodPlan.decide(
                                pod("OnFailure"),
                                rp,
                                PodPlan.crashLoopBackoff(new ManualClock(T0)),
                                T0,
                                Map.of(),
                                Set.of("simulated://1"),
                                Map.of())
                        .restart())
                .extracting(c -> c.getName())
                .containsExactly("main");
    }

    @Test
    void underNeverAContainerStoppedForItsProbeStaysStopped() {
        assertThat(PodPlan.decide(
                                pod("Never"),
                                exited(137, T0),
                                PodPlan.crashLoopBackoff(new ManualClock(T0)),
                                T0,
                                Map.of(),
                                Set.of("simulated://1"),
                                Map.of())
                        .restart())
                .isEmpty();
    }
}
