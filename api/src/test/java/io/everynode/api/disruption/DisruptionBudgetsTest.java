package io.everynode.api.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DisruptionBudgetsTest {

    static Pod pod(String name, boolean ready, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }

    static List<Pod> pods(int ready, int unready) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < ready; i++) out.add(pod("r" + i, true, Map.of("app", "speaker")));
        for (int i = 0; i < unready; i++) out.add(pod("u" + i, false, Map.of("app", "speaker")));
        out.add(pod("other", true, Map.of("app", "controller")));
        return out;
    }

    static PodDisruptionBudget pdb(IntOrString minAvailable, IntOrString maxUnavailable) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName("speaker")
                .endMetadata()
                .withNewSpec()
                .withSelector(new LabelSelector(null, Map.of("app", "speaker")))
                .withMinAvailable(minAvailable)
                .withMaxUnavailable(maxUnavailable)
                .endSpec()
                .build();
    }

    static Stream<Arguments> budgets() {
        IntOrString none = null;
        return Stream.of(
                // budget, ready, unready, desired healthy, allowed
                Arguments.of("minAvailable 2 of 3 ready", pdb(new IntOrString(2), none), 3, 0, 2, 1),
                Arguments.of("minAvailable 3 of 3 ready", pdb(new IntOrString(3), none), 3, 0, 3, 0),
                Arguments.of("minAvailable 50% of 3, rounded up", pdb(new IntOrString("50%"), none), 3, 0, 2, 1),
                Arguments.of("maxUnavailable 1 of 3, one unready", pdb(none, new IntOrString(1)), 2, 1, 2, 0),
                Arguments.of("maxUnavailable 1 of 4 ready", pdb(none, new IntOrString(1)), 4, 0, 3, 1),
                Arguments.of("maxUnavailable 34% of 3, rounded up", pdb(none, new IntOrString("34%")), 3, 0, 1, 2),
                Arguments.of("neither set", pdb(none, none), 2, 0, 0, 2));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("budgets")
    void allowedDisruptionsAreHealthyPodsBeyondTheDesired(
            String name, PodDisruptionBudget pdb, int ready, int unready, int desired, int allowed) {
        DisruptionBudgets.Health h = DisruptionBudgets.health(pdb, pods(ready, unready));
        assertThat(h.expected()).isEqualTo(ready + unready);
        assertThat(h.desiredHealthy()).isEqualTo(desired);
        assertThat(h.currentHealthy()).isEqualTo(ready);
        assertThat(h.disruptionsAllowed()).isEqualTo(allowed);
    }

    @Test
    void aReadyPodNeedsAnAllowedDisruption() {
        PodDisruptionBudget pdb = pdb(new IntOrString(2), null);
        List<Pod> pods = pods(2, 1);
        Pod ready = pods.get(0);
        assertThat(DisruptionBudgets.allowsEviction(pdb, ready, DisruptionBudgets.health(pdb, pods)))
                .isFalse();
    }

    @Test
    void anUnreadyPodMayGoWhileTheBudgetIsMetUnlessAlwaysAllowSaysAlways() {
        PodDisruptionBudget pdb = pdb(new IntOrString(2), null);
        List<Pod> pods = pods(2, 1);
        Pod unready = pods.get(2);
        assertThat(DisruptionBudgets.allowsEviction(pdb, unready, DisruptionBudgets.health(pdb, pods)))
                .isTrue();
        PodDisruptionBudget strict = pdb(new IntOrString(3), null);
        assertThat(DisruptionBudgets.allowsEviction(strict, unready, DisruptionBudgets.health(strict, pods)))
                .isFalse();
        strict.getSpec().setUnhealthyPodEvictionPolicy("AlwaysAllow");
        assertThat(DisruptionBudgets.allowsEviction(strict, unready, DisruptionBudgets.health(strict, pods)))
                .isTrue();
    }

    @Test
    void anEmptySelectorSelectsEveryPodAndAMissingOneNone() {
        Pod p = pod("p", true, Map.of("app", "x"));
        PodDisruptionBudget all = pdb(new IntOrString(1), null);
        all.getSpec().setSelector(new LabelSelector());
        assertThat(DisruptionBudgets.selects(all, p)).isTrue();
        all.getSpec().setSelector(null);
        assertThat(DisruptionBudgets.selects(all, p)).isFalse();
    }

    @Test
    void finishedPendingAndDeletingPodsIgnoreBudgets() {
        Pod p = pod("p", true, Map.of());
        assertThat(DisruptionBudgets.ignoresBudgets(p)).isFalse();
        p.getStatus().setPhase("Succeeded");
        assertThat(DisruptionBudgets.ignoresBudgets(p)).isTrue();
        p.getStatus().setPhase("Pending");
        assertThat(DisruptionBudgets.ignoresBudgets(p)).isTrue();
        p.getStatus().setPhase("Running");
        p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(DisruptionBudgets.ignoresBudgets(p)).isTrue();
    }
}
