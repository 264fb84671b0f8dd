package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.ProgressDeadline;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** E4.1 partition and E4.2 update selector, through the controller's sync over a fake cluster. */
class PartitionAndSelectorTest extends RolloutHarness {
    private void start(IntOrString maxUnavailable, IntOrString maxSurge) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(maxUnavailable, maxSurge));
        cluster.add(
                node("n1", "pool", "canary"),
                node("n2", "pool", "main"),
                node("n3", "pool", "main"),
                node("n4", "pool", "canary"),
                node("n5", "pool", "main"));
        cluster.add(ds);
        sync();
        cluster.markAllReady();
        sync();
    }

    @Test
    void aPartitionOfThreeUpdatesTwoNodesFromTheEndOfTheAlphabetAndStops() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.PARTITION, "3");
        newImage("agent:2");

        settle();

        assertThat(updatedNodes()).containsExactly("n4", "n5");
        assertThat(cluster.pods).hasSize(5);
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(2); // upstream's counter
    }

    @Test
    void aRolloutStoppedAtThePartitionIsHeldAndNeverTimesOut() { // E1.7
        start(new IntOrString(1), new IntOrString(0));
        annotate(ProgressDeadline.ANNOTATION, "30");
        annotate(AdvancedRollout.PARTITION, "3");
        newImage("agent:2");
        settle();
        clock.advance(Duration.ofSeconds(300));

        sync();

        DaemonSetCondition c = progressing();
        assertThat(c.getStatus()).isEqualTo("Unknown");
        assertThat(c.getReason()).isEqualTo(RolloutProgress.HELD);
        assertThat(c.getMessage())
                .isEqualTo("DaemonSet \"ds\" is held: 3 nodes keep the old revision (3 by the partition).");
        assertThat(cluster.events).isEmpty();

        annotate(AdvancedRollout.PARTITION, "0");
        sync();

        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.UPDATED);
        assertThat(progressing().getLastTransitionTime())
                .isEqualTo(clock.instant().toString());
    }

    @Test
    void loweringThePartitionContinuesTheRollout() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.PARTITION, "3");
        newImage("agent:2");
        settle();

        annotate(AdvancedRollout.PARTITION, "0");
        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n2", "n3", "n4", "n5");
    }

    @Test
    void anUpdateSelectorUpdatesOnlyTheMatchingNodes() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage("agent:2");

        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n4");
    }

    @Test
    void aSurgeRolloutHonoursTheUpdateSelectorToo() {
        start(new IntOrString(0), new IntOrString(1));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage("agent:2");

        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n4");
        assertThat(cluster.pods).hasSize(5);
    }

    @Test
    void aNewNodeGetsTheCurrentTemplateWhateverTheSelector() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage("agent:2");
        settle();

        cluster.add(node("n6", "pool", "main"));
        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n4", "n6");
    }

    @Test
    void anUnavailableOldPodOnAHeldNodeIsNotReplaced() {
        start(new IntOrString(2), new IntOrString(0));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        String oldOnN2 = cluster.podsOn("n2").get(0).getMetadata().getName();
        cluster.crashLoop(oldOnN2);
        newImage("agent:2");

        sync();

        assertThat(cluster.deleted).doesNotContain(oldOnN2).hasSize(1); // n2 counts against the budget of 2
    }
}
