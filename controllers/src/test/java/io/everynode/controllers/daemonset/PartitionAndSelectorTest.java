package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** E4.1 partition and E4.2 update selector, through the controller's sync over a fake cluster. */
class PartitionAndSelectorTest extends Harness {
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

    private void annotate(String key, String value) {
        DaemonSet ds = FakeCluster.copy(ds(), DaemonSet.class);
        if (value == null) {
            ds.getMetadata().getAnnotations().remove(key);
        } else {
            ds.getMetadata().getAnnotations().put(key, value);
        }
        ds.getMetadata().setResourceVersion(ds.getMetadata().getResourceVersion() + "1");
        cluster.daemonSets.put("ds", ds);
    }

    private void newImage() {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2"));
    }

    /** Syncs and marks pods ready until nothing changes. */
    private void settle() {
        for (int i = 0; i < 30; i++) {
            sync();
            boolean wrote = !cluster.created.isEmpty() || !cluster.deleted.isEmpty();
            cluster.markAllReady();
            if (!wrote) {
                sync();
                if (cluster.created.isEmpty() && cluster.deleted.isEmpty()) return;
            }
        }
        throw new AssertionError("the rollout did not settle");
    }

    private Set<String> updatedNodes() {
        String hash = currentHash();
        Set<String> out = new TreeSet<>();
        cluster.pods.values().stream()
                .filter(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                .forEach(p -> out.add(PodFacts.targetNode(p)));
        return out;
    }

    @Test
    void aPartitionOfThreeUpdatesTwoNodesFromTheEndOfTheAlphabetAndStops() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.PARTITION, "3");
        newImage();

        settle();

        assertThat(updatedNodes()).containsExactly("n4", "n5");
        assertThat(cluster.pods).hasSize(5);
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(2); // upstream's counter
    }

    @Test
    void loweringThePartitionContinuesTheRollout() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.PARTITION, "3");
        newImage();
        settle();

        annotate(AdvancedRollout.PARTITION, "0");
        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n2", "n3", "n4", "n5");
    }

    @Test
    void anUpdateSelectorUpdatesOnlyTheMatchingNodes() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage();

        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n4");
    }

    @Test
    void aSurgeRolloutHonoursTheUpdateSelectorToo() {
        start(new IntOrString(0), new IntOrString(1));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage();

        settle();

        assertThat(updatedNodes()).containsExactly("n1", "n4");
        assertThat(cluster.pods).hasSize(5);
    }

    @Test
    void aNewNodeGetsTheCurrentTemplateWhateverTheSelector() {
        start(new IntOrString(1), new IntOrString(0));
        annotate(AdvancedRollout.UPDATE_SELECTOR, "pool=canary");
        newImage();
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
        newImage();

        sync();

        assertThat(cluster.deleted).doesNotContain(oldOnN2).hasSize(1); // n2 counts against the budget of 2
    }
}
