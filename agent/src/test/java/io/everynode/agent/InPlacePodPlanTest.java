package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E6.2/E6.3 in the agent's pure decisions: what a changed image does to a container, and readiness gates. */
class InPlacePodPlanTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Pod pod(String policy, String image) {
        return TestCluster.pod("web", "n1")
                .editSpec()
                .withRestartPolicy(policy)
                .editFirstContainer()
                .withImage(image)
                .endContainer()
                .endSpec()
                .editMetadata()
                .withUid("u1")
                .endMetadata()
                .build();
    }

    private static RuntimePod holding(RuntimeContainer.State state, boolean stopping) {
        RuntimeContainer c = new RuntimeContainer(
                "main",
                "simulated://1",
                "busybox:1.36",
                "img",
                state,
                state == RuntimeContainer.State.RUNNING,
                state == RuntimeContainer.State.WAITING ? null : T0.minusSeconds(5),
                state == RuntimeContainer.State.TERMINATED ? T0.minusSeconds(1) : null,
                state == RuntimeContainer.State.TERMINATED ? 137 : null,
                state == RuntimeContainer.State.TERMINATED ? "Error" : null,
                null);
        return new RuntimePod("u1", "default/web", "10.0.0.2", Map.of("main", c), 0, stopping);
    }

    /** Which list the container lands in: start, restart, replace, or none. */
    private static String decision(PodPlan plan) {
        if (!plan.replace().isEmpty()) return "replace";
        if (!plan.restart().isEmpty()) return "restart";
        if (!plan.start().isEmpty()) return "start";
        return "none";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "running, image changed",
                        RuntimeContainer.State.RUNNING,
                        "Always",
                        "busybox:1.37",
                        false,
                        "replace"),
                Arguments.of(
                        "running, same image", RuntimeContainer.State.RUNNING, "Always", "busybox:1.36", false, "none"),
                Arguments.of(
                        "running, changed, pod stopping",
                        RuntimeContainer.State.RUNNING,
                        "Always",
                        "busybox:1.37",
                        true,
                        "none"),
                Arguments.of(
                        "exited, changed, under Never",
                        RuntimeContainer.State.TERMINATED,
                        "Never",
                        "busybox:1.37",
                        false,
                        "restart"),
                Arguments.of(
                        "exited, same image, under Never",
                        RuntimeContainer.State.TERMINATED,
                        "Never",
                        "busybox:1.36",
                        false,
                        "none"),
                Arguments.of(
                        "waiting, changed", RuntimeContainer.State.WAITING, "Always", "busybox:1.37", false, "start"));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("cases")
    void aChangedImageReplacesOnlyThatContainer(
            String name, RuntimeContainer.State state, String policy, String image, boolean stopping, String expected) {
        PodPlan plan = PodPlan.decide(
                pod(policy, image),
                holding(state, stopping),
                PodPlan.crashLoopBackoff(new io.everynode.testkit.ManualClock(T0)),
                T0,
                Map.of(),
                Set.of(),
                Map.of("main", "busybox:1.36"));
        assertThat(decision(plan)).isEqualTo(expected);
        assertThat(plan.backoffUntil()).isEmpty();
    }

    @Test
    void aContainerWithNoRecordedStartImageIsTakenToRunItsSpec() {
        PodPlan plan = PodPlan.decide(
                pod("Always", "busybox:1.37"),
                holding(RuntimeContainer.State.RUNNING, false),
                PodPlan.crashLoopBackoff(new io.everynode.testkit.ManualClock(T0)),
                T0,
                Map.of(),
                Set.of(),
                Map.of());
        assertThat(decision(plan)).isEqualTo("none");
    }

    private static Pod gated(PodCondition... conditions) {
        Pod p = pod("Always", "busybox:1.36");
        p.getSpec().setReadinessGates(List.of(new io.fabric8.kubernetes.api.model.PodReadinessGate("example.io/ok")));
        p.setStatus(new PodStatusBuilder().withConditions(conditions).build());
        return p;
    }

    private static PodCondition ready(PodStatus s) {
        return s.getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void readinessGatesDecideReadyOnceTheContainersAreReady() {
        RuntimePod rp = holding(RuntimeContainer.State.RUNNING, false);
        PodStatusMath.Bookkeeping book = new PodStatusMath.Bookkeeping(Map.of(), Map.of());

        PodStatus missing = PodStatusMath.compute(gated(), rp, book, "127.0.0.1", T0);
        assertThat(ready(missing).getStatus()).isEqualTo("False");
        assertThat(ready(missing).getReason()).isEqualTo("ReadinessGatesNotReady");

        PodCondition no = new PodConditionBuilder()
                .withType("example.io/ok")
                .withStatus("False")
                .build();
        PodStatus held = PodStatusMath.compute(gated(no), rp, book, "127.0.0.1", T0);
        assertThat(ready(held).getMessage())
                .isEqualTo("the status of pod readiness gate \"example.io/ok\" is not \"True\", but False");
        assertThat(held.getConditions()).contains(no);

        PodCondition yes = new PodConditionBuilder()
                .withType("example.io/ok")
                .withStatus("True")
                .build();
        PodStatus open = PodStatusMath.compute(gated(yes), rp, book, "127.0.0.1", T0);
        assertThat(ready(open).getStatus()).isEqualTo("True");
    }
}
