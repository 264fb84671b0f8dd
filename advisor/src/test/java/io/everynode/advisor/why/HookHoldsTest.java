package io.everynode.advisor.why;

import static io.everynode.advisor.why.Fixtures.daemonPod;
import static io.everynode.advisor.why.Fixtures.ds;
import static io.everynode.advisor.why.Fixtures.edge;
import static io.everynode.advisor.why.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.LifecycleHooks;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E6.4: a pod a lifecycle hook holds is named by its hook, from the controller's own decision. */
class HookHoldsTest {
    private static final String HOOKS = "{\"preDelete\":{\"labelsHandler\":{\"example.com/hold\":\"true\"}},"
            + "\"inPlaceUpdate\":{\"finalizersHandler\":[\"example.com/drain\"]}}";

    private static DaemonSet withHooks(String lifecycle) {
        DaemonSet ds = ds();
        if (lifecycle != null) ds.getMetadata().setAnnotations(Map.of(AdvancedRollout.LIFECYCLE, lifecycle));
        return ds;
    }

    /** The ready pod on n1, of an old revision, in {@code state} with these labels and finalizers. */
    private static Pod pod(DaemonSet ds, String state, Map<String, String> labels, List<String> finalizers) {
        PodBuilder b = daemonPod("agent-n1", "n1", ds)
                .editMetadata()
                .addToLabels("controller-revision-hash", "oldhash")
                .addToLabels(LifecycleHooks.STATE_LABEL, state)
                .addToLabels(labels)
                .withFinalizers(finalizers)
                .endMetadata();
        return ready(b);
    }

    /** A ready pod of the old revision on n2, nothing holding it. */
    private static Pod oldPodOnN2(DaemonSet ds) {
        return ready(daemonPod("agent-n2", "n2", ds)
                .editMetadata()
                .addToLabels("controller-revision-hash", "oldhash")
                .endMetadata());
    }

    private static Answer answer(DaemonSet ds, Pod pod) {
        return Fixtures.only(ds, edge("n1"), List.of(pod), List.of());
    }

    static Stream<Arguments> table() {
        Map<String, String> hold = Map.of("example.com/hold", "true");
        List<String> drain = List.of("example.com/drain");
        return Stream.of(
                // why; lifecycle annotation; pod state, labels, finalizers → reason, message (null: any)
                Arguments.of(
                        "a preDelete hook's label holds a pod marked PreparingDelete",
                        HOOKS,
                        "PreparingDelete",
                        hold,
                        List.of(),
                        Reason.PRE_DELETE_HOOK,
                        "preDelete hook holds pod agent-n1: remove label example.com/hold=true to let it go"),
                Arguments.of(
                        "an inPlaceUpdate hook's finalizer holds a pod marked PreparingUpdate",
                        HOOKS,
                        "PreparingUpdate",
                        Map.of(),
                        drain,
                        Reason.IN_PLACE_UPDATE_HOOK,
                        "inPlaceUpdate hook holds pod agent-n1: remove finalizer example.com/drain to let it go"),
                Arguments.of(
                        "a hook released (its label removed) holds nothing",
                        HOOKS,
                        "PreparingDelete",
                        Map.of(),
                        List.of(),
                        Reason.RUNNING,
                        null),
                Arguments.of(
                        "a mark of a hook the DaemonSet no longer has holds nothing",
                        null,
                        "PreparingDelete",
                        hold,
                        List.of(),
                        Reason.RUNNING,
                        null),
                Arguments.of(
                        "the other hook's label does not hold a pod in this state",
                        HOOKS,
                        "PreparingUpdate",
                        hold,
                        List.of(),
                        Reason.RUNNING,
                        null),
                Arguments.of(
                        "an unmarked pod is not held, whatever it carries",
                        HOOKS,
                        "Normal",
                        hold,
                        drain,
                        Reason.RUNNING,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aHookHoldIsNamedByItsHook(
            String why,
            String lifecycle,
            String state,
            Map<String, String> labels,
            List<String> finalizers,
            Reason reason,
            String message) {
        DaemonSet ds = withHooks(lifecycle);

        Answer a = answer(ds, pod(ds, state, labels, finalizers));

        assertThat(a.reason()).isEqualTo(reason);
        if (message != null) {
            assertThat(a.message()).isEqualTo(message);
            assertThat(a.verdict()).isEqualTo(Verdict.WAITING);
        }
    }

    @Test
    void aHookHoldComesBeforeThePodsReadinessAndSaysHowToLetGo() {
        DaemonSet ds = withHooks(HOOKS);
        Pod notReady = pod(ds, "PreparingDelete", Map.of("example.com/hold", "true"), List.of());
        notReady.getStatus().getConditions().get(0).setStatus("False"); // markPodNotReady: KruisePodReady False

        Answer a = answer(ds, notReady);

        assertThat(a.reason()).isEqualTo(Reason.PRE_DELETE_HOOK);
        assertThat(a.reason().code()).isEqualTo("PreDeleteHook");
        assertThat(a.details())
                .containsExactly(
                        "lifecycle state: PreparingDelete (lifecycle.apps.kruise.io/state)",
                        "the controller deletes this pod once the hook lets it go",
                        "kubectl label pod agent-n1 example.com/hold-");
    }

    @Test
    void aPodItsPreDeleteHookHoldsKeepsItsSlotOfTheBudgetSoTheNextOldPodWaits() {
        DaemonSet ds = withHooks(HOOKS);
        Pod held = pod(ds, "PreparingDelete", Map.of("example.com/hold", "true"), List.of());
        Pod next = oldPodOnN2(ds);

        List<Answer> answers = new WhyAnswers()
                .answer(Fixtures.input(ds, List.of(edge("n1"), edge("n2")), List.of(held, next), List.of()), null);

        assertThat(answers.get(0).reason()).isEqualTo(Reason.PRE_DELETE_HOOK);
        assertThat(answers.get(1).reason()).isEqualTo(Reason.ROLLOUT_BUDGET);
        assertThat(answers.get(1).message())
                .isEqualTo("old revision kept: 0 of 2 nodes unavailable, 1 held by a preDelete hook, maxUnavailable 1");
        assertThat(answers.get(1).details())
                .contains("agent-n1 waits on its preDelete hook and keeps its slot of the budget");
    }

    @Test
    void aPodWhoseHookLetGoUsesNoSlotSoTheNextOldPodTakesItsTurn() {
        DaemonSet ds = withHooks(HOOKS);
        Pod released = pod(ds, "PreparingDelete", Map.of(), List.of());
        Pod next = oldPodOnN2(ds);

        List<Answer> answers = new WhyAnswers()
                .answer(Fixtures.input(ds, List.of(edge("n1"), edge("n2")), List.of(released, next), List.of()), null);

        assertThat(answers.get(1).reason()).isEqualTo(Reason.RUNNING);
    }
}
