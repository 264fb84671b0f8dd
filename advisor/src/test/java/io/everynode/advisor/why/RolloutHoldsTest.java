package io.everynode.advisor.why;

import static io.everynode.advisor.why.Fixtures.daemonPod;
import static io.everynode.advisor.why.Fixtures.ds;
import static io.everynode.advisor.why.Fixtures.edge;
import static io.everynode.advisor.why.Fixtures.node;
import static io.everynode.advisor.why.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.RolloutGuard;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The holds of E3.1, E4.1, E4.2 and E5.3: an old, ready pod that the controller keeps, and the reason why names. */
class RolloutHoldsTest {
    private final List<Node> nodes =
            List.of(node("n1", Map.of("pool", "edge", "tier", "canary"), "2"), edge("n2"), edge("n3"));

    private static DaemonSet annotated(String key, String value) {
        DaemonSet ds = ds();
        Map<String, String> annotations = new HashMap<>();
        annotations.put(key, value);
        ds.getMetadata().setAnnotations(annotations);
        return ds;
    }

    private List<Answer> answers(DaemonSet ds) {
        List<Pod> pods = nodes.stream()
                .map(n -> ready(daemonPod(
                                "agent-" + n.getMetadata().getName(),
                                n.getMetadata().getName(),
                                ds)
                        .editMetadata()
                        .addToLabels("controller-revision-hash", "oldhash")
                        .endMetadata()))
                .toList();
        return new WhyAnswers().answer(Fixtures.input(ds, nodes, pods, List.of()), null);
    }

    @Test
    void aPartitionKeepsTheFirstNodesByNameAtTheOldRevision() {
        DaemonSet ds = annotated(AdvancedRollout.PARTITION, "2");
        List<Answer> a = answers(ds);

        assertThat(a).extracting(Answer::reason).containsExactly(Reason.PARTITION, Reason.PARTITION, Reason.RUNNING);
        assertThat(a.get(0).message()).isEqualTo("old revision kept: partition 2: 2 of 3 nodes keep the old revision");
        assertThat(a.get(0).verdict()).isEqualTo(Verdict.WAITING);
        assertThat(a.get(0).details())
                .containsExactly(
                        "revision: old (oldhash), current " + DaemonSetFacts.currentHash(ds),
                        "the controller replaces this pod once the partition is lowered");
    }

    /** E7.3: {@link Fixtures#ds()} as an Advanced DaemonSet, read through its apps/v1 view. */
    private static AdvancedDaemonSet advanced() {
        AdvancedDaemonSet a = Json.MAPPER.convertValue(ds(), AdvancedDaemonSet.class);
        a.apiVersion = AdvancedDaemonSet.API_VERSION;
        return a;
    }

    @Test
    void anAdvancedDaemonSetsPartitionFieldIsNamedAsThePartitionHold() {
        AdvancedDaemonSet a = advanced();
        a.spec.updateStrategy.rollingUpdate.partition = 2;

        List<Answer> answers = answers(AdvancedView.of(a));

        assertThat(answers)
                .extracting(Answer::reason)
                .containsExactly(Reason.PARTITION, Reason.PARTITION, Reason.RUNNING);
        assertThat(answers.get(0).message())
                .isEqualTo("old revision kept: partition 2: 2 of 3 nodes keep the old revision");
    }

    @Test
    void anAdvancedDaemonSetsPausedFieldIsNamedByItsFieldPath() {
        AdvancedDaemonSet a = advanced();
        a.spec.updateStrategy.rollingUpdate.paused = true;

        List<Answer> answers = answers(AdvancedView.of(a));

        assertThat(answers).extracting(Answer::reason).containsOnly(Reason.PAUSED);
        assertThat(answers.get(0).message())
                .isEqualTo("old revision kept: rollout paused (spec.updateStrategy.rollingUpdate.paused=true)");
        assertThat(answers.get(0).details())
                .last()
                .isEqualTo("the controller replaces this pod once the rollout resumes"
                        + " (spec.updateStrategy.rollingUpdate.paused set to false)");
    }

    @Test
    void aPausedRolloutIsNamedAsPausedBeforeAnyOtherHold() {
        DaemonSet ds = annotated(RolloutGuard.PAUSED, "true");
        ds.getMetadata().getAnnotations().put(AdvancedRollout.PARTITION, "2");

        List<Answer> a = answers(ds);

        assertThat(a).extracting(Answer::reason).containsOnly(Reason.PAUSED);
        assertThat(a.get(0).message()).isEqualTo("old revision kept: rollout paused (everynode.io/paused=true)");
        assertThat(a.get(0).details())
                .last()
                .isEqualTo("the controller replaces this pod once the rollout resumes"
                        + " (the annotation everynode.io/paused removed)");
    }

    @Test
    void anAutoPauseNamesTheRevisionThatTrippedIt() {
        DaemonSet ds = annotated(RolloutGuard.PAUSED, "true");
        ds.getMetadata().getAnnotations().put(RolloutGuard.AUTO_PAUSED_REVISION, "bad123");

        assertThat(answers(ds).get(0).message())
                .startsWith("old revision kept: rollout auto-paused: new pods of" + " revision bad123 failed");
    }

    @Test
    void anUpdateSelectorHoldsTheNodesItDoesNotMatch() {
        List<Answer> a = answers(annotated(AdvancedRollout.UPDATE_SELECTOR, "tier=canary"));

        assertThat(a)
                .extracting(Answer::reason)
                .containsExactly(Reason.RUNNING, Reason.UPDATE_SELECTOR, Reason.UPDATE_SELECTOR);
        assertThat(a.get(1).message())
                .isEqualTo("old revision kept: update selector tier=canary does not match this node's labels");
    }

    @Test
    void aLaterStageWaitsForTheStageThatIsUpdating() {
        List<Answer> a = answers(annotated(
                AdvancedRollout.STAGES, "[{\"name\":\"canary\",\"selector\":\"tier=canary\"},{\"name\":\"rest\"}]"));

        assertThat(a).extracting(Answer::reason).containsExactly(Reason.RUNNING, Reason.STAGE, Reason.STAGE);
        assertThat(a.get(1).message())
                .isEqualTo("old revision kept: waiting for stage \"rest\" (2 of 2): stage \"canary\" (1 of 2) is"
                        + " updating");
    }
}
