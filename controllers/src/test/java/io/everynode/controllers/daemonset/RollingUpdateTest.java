package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rolling updates with and without surge, minReadySeconds, OnDelete (R5). */
class RollingUpdateTest extends Harness {

    private void start(int nodeCount, IntOrString maxUnavailable, IntOrString maxSurge) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(maxUnavailable, maxSurge));
        cluster.add(nodes(nodeCount)).add(ds);
        sync();
        cluster.markAllReady();
        sync();
    }

    private void changeImage(String image) {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    private long podsWithHash(String hash) {
        return cluster.pods.values().stream()
                .filter(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                .count();
    }

    private long availableNodes() {
        return cluster.nodes.keySet().stream()
                .filter(n -> cluster.podsOn(n).stream().anyMatch(p -> PodFacts.available(p, 0, clock.instant())))
                .count();
    }

    @Test
    void maxUnavailableOneReplacesOneNodeAtATime() {
        start(3, new IntOrString(1), new IntOrString(0));
        changeImage("agent:2");
        String newHash = currentHash();
        int rounds = 0;
        while (podsWithHash(newHash) < 3 || cluster.pods.size() > 3) {
            sync();
            assertThat(cluster.deleted.size()).isLessThanOrEqualTo(1);
            assertThat(availableNodes()).isGreaterThanOrEqualTo(2);
            cluster.markAllReady();
            assertThat(++rounds).isLessThan(20);
        }
        sync();
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
        assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(3);
    }

    @Test
    void theFirstSyncAfterATemplateChangeDeletesOneOldPodAndCreatesNothing() { // R5.4
        start(3, new IntOrString(1), new IntOrString(0));
        changeImage("agent:2");
        sync();
        assertThat(cluster.deleted).hasSize(1);
        assertThat(cluster.created).isEmpty();
        sync(); // manage refills the emptied node with the new template
        assertThat(cluster.created).hasSize(1);
        assertThat(PodFacts.label(cluster.created.get(0), PodFacts.HASH_LABEL)).isEqualTo(currentHash());
        assertThat(cluster.deleted).isEmpty(); // the new pod is not available yet
    }

    @Test
    void aPercentageBudgetDeletesThatShareOfNodes() {
        start(4, new IntOrString("50%"), new IntOrString(0));
        changeImage("agent:2");
        sync();
        assertThat(cluster.deleted).hasSize(2);
    }

    @Test
    void unavailableOldPodsAreReplacedWithoutBudget() { // pitfall 4
        DaemonSet ds = daemonSet("ds");
        cluster.add(nodes(3)).add(ds);
        sync(); // pods never become ready
        changeImage("agent:2");
        sync();
        assertThat(cluster.deleted).hasSize(3);
    }

    @Test
    void surgeCreatesNewPodsFirstAndDeletesOldOnesOnceTheNewAreAvailable() { // R5.5
        start(3, new IntOrString(0), new IntOrString(1));
        changeImage("agent:2");
        String newHash = currentHash();
        sync();
        assertThat(cluster.created).hasSize(1);
        assertThat(cluster.deleted).isEmpty();
        sync(); // the surged pod is not available: budget spent
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.deleted).isEmpty();
        int rounds = 0;
        while (podsWithHash(newHash) < 3 || cluster.pods.size() > 3) {
            cluster.markAllReady();
            sync();
            assertThat(availableNodes()).isEqualTo(3);
            for (String n : cluster.nodes.keySet()) {
                assertThat(cluster.podsOn(n).size()).isLessThanOrEqualTo(2);
            }
            assertThat(++rounds).isLessThan(20);
        }
        assertThat(cluster.pods.values()).allMatch(p -> newHash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)));
    }

    @Test
    void surgeReplacesAnUnavailableOldPodRegardlessOfTheBudget() { // R5.5 "allowed new node"
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString(0), new IntOrString(1)));
        cluster.add(nodes(3)).add(ds);
        sync(); // never ready
        changeImage("agent:2");
        sync();
        assertThat(cluster.created).hasSize(3);
    }

    @Test
    void surgeGivesANodeWhoseOnlyPodIsTerminatingAReplacement() { // R2.6, pitfall 2
        start(1, new IntOrString(0), new IntOrString(1));
        cluster.markTerminating(cluster.pods.keySet().iterator().next());
        sync();
        assertThat(cluster.created).hasSize(1);
    }

    /** Upstream TestSurge{Preserves,Deletes}OldReadyWithUnsatisfiedMinReady: minReadySeconds 15, new Ready since t=50. */
    private void surgeWithMinReady(long nowSeconds) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString(0), new IntOrString(1)));
        ds.getSpec().setMinReadySeconds(15);
        cluster.add(Fixtures.node("a")).add(ds);
        Instant t0 = clock.instant();
        Pod old = Fixtures.podFor(ds, "old", "a", "old-hash");
        old.getMetadata().getLabels().remove(PodFacts.TEMPLATE_GENERATION_LABEL);
        cluster.add(old);
        cluster.markReady("old", t0);
        Pod fresh =
                Fixtures.podFor(ds, "new", "a", RevisionData.hash(ds.getSpec().getTemplate(), null));
        fresh.getMetadata().setCreationTimestamp(t0.plusSeconds(40).toString());
        cluster.add(fresh);
        cluster.markReady("new", t0.plusSeconds(50));
        clock.advance(Duration.ofSeconds(nowSeconds));
    }

    @Test
    void aSurgedPodReadyForLessThanMinReadySecondsKeepsTheOldPod() {
        surgeWithMinReady(60);
        sync();
        assertThat(cluster.deleted).isEmpty();
    }

    @Test
    void aReadyButNotYetAvailablePodRequeuesAfterMinReadySeconds() { // R2.11, R3.3
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setMinReadySeconds(10);
        cluster.add(Fixtures.node("a")).add(ds);
        sync();
        cluster.markAllReady();
        SyncResult r = sync();
        assertThat(ds().getStatus().getNumberReady()).isEqualTo(1);
        assertThat(ds().getStatus().getNumberAvailable()).isZero();
        // Available strictly after Ready + minReadySeconds; the wake-up comes a second later.
        assertThat(r.requeueAfter()).contains(Duration.ofSeconds(11));
        clock.advance(Duration.ofSeconds(11));
        r = sync();
        assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(1);
        assertThat(r.requeueAfter()).isEmpty();
    }

    @Test
    void aSurgedPodReadyForLongerThanMinReadySecondsReplacesTheOldPod() {
        surgeWithMinReady(70);
        sync();
        assertThat(cluster.deleted).containsExactly("old");
    }

    @Test
    void onDeleteCreatesANewRevisionButLeavesPodsAlone() { // R5.7
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(nodes(2)).add(ds);
        sync();
        cluster.markAllReady();
        changeImage("agent:2");
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.revisions).hasSize(2);
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isZero();
        String victim = cluster.podsOn("node-000").get(0).getMetadata().getName();
        cluster.deletePod("default", victim);
        sync();
        assertThat(cluster.created).hasSize(1);
        assertThat(PodFacts.label(cluster.created.get(0), PodFacts.HASH_LABEL)).isEqualTo(currentHash());
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
    }

    @Test
    void aStrategyOnlyChangeReplacesNothing() { // TestDaemonSetUpdatesNoTemplateChanged, R5.8
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(nodes(3)).add(ds);
        sync();
        cluster.markAllReady();
        cluster.editSpec(
                "ds",
                d -> d.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString(1), new IntOrString(0))));
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.revisions).hasSize(1);
    }

    @Test
    void podsCountAsUpdatedThroughTheTemplateGenerationLabel() { // R3.4
        DaemonSet ds = daemonSet("ds");
        cluster.add(Fixtures.node("a")).add(ds);
        Pod p = Fixtures.podFor(ds, "legacy", "a", "some-other-hash"); // carries pod-template-generation=1
        cluster.add(p);
        cluster.markReady("legacy", clock.instant());
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
    }

    @Test
    void twoNewPodsOnANodeAreLeftToManageAndCountUnavailable() { // R5.3
        start(2, new IntOrString(1), new IntOrString(0));
        changeImage("agent:2");
        DaemonSet cur = ds();
        String hash = currentHash();
        List.of("dup-1", "dup-2").forEach(n -> cluster.add(Fixtures.podFor(cur, n, "node-000", hash)));
        sync();
        // manage trims node-000 to one pod; the budget of 1 is already used by the skipped node.
        assertThat(cluster.deleted).hasSize(2);
        assertThat(cluster.deleted)
                .noneMatch(n -> cluster.podsOn("node-001").stream()
                        .anyMatch(p -> p.getMetadata().getName().equals(n)));
    }
}
