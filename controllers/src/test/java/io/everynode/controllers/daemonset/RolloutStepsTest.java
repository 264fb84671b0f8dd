package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static io.everynode.controllers.daemonset.Fixtures.podFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps of a planned update, by the controller's own membership (E5.2) and holds (E4.1, E4.2,
 * E5.3). Five nodes a..e, a and b in the canary pool, each running an old pod.
 */
class RolloutStepsTest {
    private static final List<Node> NODES =
            List.of(node("a", "pool", "canary"), node("b", "pool", "canary"), node("c"), node("d"), node("e"));

    private static List<Pod> oldPods(DaemonSet ds) {
        return NODES.stream()
                .map(n -> podFor(
                        ds, "p-" + n.getMetadata().getName(), n.getMetadata().getName(), "old"))
                .toList();
    }

    @Test
    void stagesReplaceTheirOwnNodesInOrderWithTheirSoaks() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata()
                .getAnnotations()
                .put(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":7},{\"name\":\"rest\"}]");

        RolloutSteps.Outline o = RolloutSteps.of(ds, NODES, oldPods(ds));

        assertThat(o.steps())
                .containsExactly(
                        new RolloutSteps.Step("canary", 7, List.of("a", "b"), true),
                        new RolloutSteps.Step("rest", 0, List.of("c", "d", "e"), true));
        assertThat(o.held()).isEmpty();
    }

    @Test
    void aPartitionInsideAStageStopsTheStepsThere() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata()
                .getAnnotations()
                .put(
                        AdvancedRollout.STAGES,
                        "[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":7},{\"name\":\"rest\"}]");
        ds.getMetadata().getAnnotations().put(AdvancedRollout.PARTITION, "4");

        RolloutSteps.Outline o = RolloutSteps.of(ds, NODES, oldPods(ds));

        assertThat(o.steps()).containsExactly(new RolloutSteps.Step("canary", 7, List.of("b"), false));
        assertThat(o.held()).containsOnlyKeys("a", "c", "d", "e");
        assertThat(o.held().get("a").kind()).isEqualTo(DaemonSetFacts.HoldKind.PARTITION);
        assertThat(o.held().get("c").kind()).isEqualTo(DaemonSetFacts.HoldKind.STAGE);
    }

    @Test
    void oldPodsOfTheManifestsTemplateGenerationAreStillPlannedAsReplaced() {
        DaemonSet ds = daemonSet("ds");
        List<Pod> old = oldPods(ds); // labelled with the template generation (R3.4)
        ds.getMetadata().getAnnotations().put(PodFacts.TEMPLATE_GENERATION_ANNOTATION, "1");
        old.forEach(p -> p.getMetadata().getLabels().put(PodFacts.TEMPLATE_GENERATION_LABEL, "1"));
        ds.getMetadata().getAnnotations().put(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");

        RolloutSteps.Outline o = RolloutSteps.of(ds, NODES, old);

        assertThat(o.steps()).containsExactly(new RolloutSteps.Step(null, 0, List.of("a", "b"), true));
        assertThat(o.held()).containsOnlyKeys("c", "d", "e");
        assertThat(o.held().get("c").kind()).isEqualTo(DaemonSetFacts.HoldKind.UPDATE_SELECTOR);
    }
}
