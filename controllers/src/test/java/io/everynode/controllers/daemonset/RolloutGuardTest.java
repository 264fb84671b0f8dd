package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * E3.1–E3.5 through the controller on the fake cluster: pause by annotation, auto-pause after K
 * failing new pods, auto-revert to the last fully available revision. A pod the test crash-loops
 * stands for a bad image.
 */
class RolloutGuardTest extends Harness {

    /** Four nodes, all pods Ready at revision 1, maxUnavailable 2, with the given annotations. */
    private void start(Map<String, String> annotations) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString(2), new IntOrString(0)));
        ds.getMetadata().getAnnotations().putAll(annotations);
        cluster.add(nodes(4)).add(ds);
        sync();
        cluster.markAllReady();
        sync();
        assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(4);
    }

    private void changeImage(String image) {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    private void annotate(String key, String value) {
        cluster.editSpec("ds", d -> {
            if (value == null) {
                d.getMetadata().getAnnotations().remove(key);
            } else {
                d.getMetadata().getAnnotations().put(key, value);
            }
        });
    }

    private List<Pod> podsWithHash(String hash) {
        return cluster.pods.values().stream()
                .filter(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                .toList();
    }

    private DaemonSetCondition progressing() {
        return ds().getStatus().getConditions().stream()
                .filter(c -> RolloutProgress.TYPE.equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    private Set<String> podNames() {
        return cluster.pods.keySet().stream().collect(Collectors.toSet());
    }

    @Test
    void aPausedRolloutReplacesNoPodButANewNodeGetsOne() {
        start(Map.of(RolloutGuard.PAUSED, "true"));
        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.PAUSED);
        assertThat(progressing().getStatus()).isEqualTo("Unknown");
        Set<String> before = podNames();
        changeImage("agent:2");
        String newHash = currentHash();
        sync();
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(podNames()).isEqualTo(before);

        cluster.add(Fixtures.node("node-new"));
        sync();
        assertThat(cluster.podsOn("node-new"))
                .singleElement()
                .satisfies(
                        p -> assertThat(PodFacts.label(p, PodFacts.HASH_LABEL)).isEqualTo(newHash));
    }

    @Test
    void removingThePauseResumesTheRollout() {
        start(Map.of(RolloutGuard.PAUSED, "true"));
        changeImage("agent:2");
        String newHash = currentHash();
        sync();
        assertThat(podsWithHash(newHash)).isEmpty();

        annotate(RolloutGuard.PAUSED, null);
        sync();
        assertThat(cluster.deleted).hasSize(2);
        assertThat(cluster.eventReasons()).contains(RolloutProgress.RESUMED_EVENT);
        sync();
        assertThat(podsWithHash(newHash)).hasSize(2);
    }

    @Test
    void kCrashLoopingNewPodsPauseTheRolloutWithAnEventNamingThem() {
        start(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "2"));
        changeImage("agent:bad");
        String badHash = currentHash();
        sync(); // deletes two old pods
        sync(); // creates two new ones
        List<Pod> bad = podsWithHash(badHash);
        assertThat(bad).hasSize(2);
        cluster.crashLoop(bad.get(0).getMetadata().getName());
        sync();
        assertThat(cluster.daemonSetUpdates).isEmpty(); // one is below K
        cluster.crashLoop(bad.get(1).getMetadata().getName());
        sync();

        assertThat(ds().getMetadata().getAnnotations())
                .containsEntry(RolloutGuard.PAUSED, "true")
                .containsEntry(RolloutGuard.AUTO_PAUSED_REVISION, badHash);
        FakeCluster.Event ev = cluster.events.stream()
                .filter(e -> AutoPause.PAUSED_REASON.equals(e.reason()))
                .findFirst()
                .orElseThrow();
        assertThat(ev.type()).isEqualTo("Warning");
        for (Pod p : bad) {
            assertThat(ev.message())
                    .contains("pod " + p.getMetadata().getName() + " on node " + PodFacts.targetNode(p));
        }
        assertThat(ev.message()).contains("CrashLoopBackOff");

        Set<String> before = podNames();
        sync();
        sync();
        assertThat(podNames()).isEqualTo(before); // paused: the two healthy old pods stay
        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.PAUSED);
    }

    @Test
    void aResumedRevisionDoesNotPauseAgain() {
        start(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "1"));
        changeImage("agent:bad");
        String badHash = currentHash();
        sync();
        sync();
        podsWithHash(badHash).forEach(p -> cluster.crashLoop(p.getMetadata().getName()));
        sync();
        assertThat(cluster.daemonSetUpdates).hasSize(1);
        annotate(RolloutGuard.PAUSED, null);
        sync();
        assertThat(cluster.daemonSetUpdates).isEmpty();
        assertThat(ds().getMetadata().getAnnotations()).doesNotContainKey(RolloutGuard.PAUSED);
    }

    @Test
    void autoRevertRestoresTheLastFullyAvailableRevisionAndRestartsNoHealthyPod() {
        start(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "2", RolloutGuard.AUTO_REVERT, "true"));
        String goodHash = currentHash();
        ControllerRevision good = cluster.revisions.values().stream()
                .filter(r -> goodHash.equals(HistoryPlan.hashOf(r)))
                .findFirst()
                .orElseThrow();
        assertThat(good.getMetadata().getAnnotations()).containsKey(RolloutGuard.FULLY_AVAILABLE);
        String goodImage =
                ds().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        changeImage("agent:bad");
        String badHash = currentHash();
        sync();
        sync();
        List<Pod> bad = podsWithHash(badHash);
        List<String> healthy = podsWithHash(goodHash).stream()
                .map(p -> p.getMetadata().getName())
                .toList();
        assertThat(healthy).hasSize(2);
        bad.forEach(p -> cluster.crashLoop(p.getMetadata().getName()));
        sync();

        assertThat(ds().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(goodImage);
        assertThat(ds().getMetadata().getAnnotations())
                .containsEntry(RolloutGuard.AUTO_REVERTED_FROM, badHash)
                .doesNotContainKey(RolloutGuard.PAUSED);
        assertThat(cluster.eventReasons()).contains(AutoPause.REVERTED_REASON);
        sync();
        assertThat(cluster.createdRevisions).isEmpty(); // the good revision is the current one again (R4.3)

        for (int round = 0; round < 6; round++) {
            sync();
            assertThat(cluster.deleted).doesNotContainAnyElementsOf(healthy);
            cluster.markAllReady();
        }
        assertThat(podsWithHash(badHash)).isEmpty();
        assertThat(podsWithHash(goodHash)).hasSize(4);
        assertThat(cluster.pods.keySet()).containsAll(healthy);
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(4);
    }

    @Test
    void withoutAFullyAvailableRevisionAutoRevertOnlyPauses() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(RolloutGuard.AUTO_PAUSE_AFTER, "1");
        ds.getMetadata().getAnnotations().put(RolloutGuard.AUTO_REVERT, "true");
        ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:bad");
        cluster.add(nodes(2)).add(ds);
        sync();
        cluster.pods.keySet().forEach(cluster::crashLoop);
        sync();
        assertThat(ds().getMetadata().getAnnotations()).containsEntry(RolloutGuard.PAUSED, "true");
        assertThat(cluster.events.stream().map(FakeCluster.Event::message))
                .anyMatch(m -> m.contains("No fully available revision to revert to."));
    }
}
