package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollouts under minReadySeconds (R3.3, R5.6) moved on by nothing but the controller's own
 * requeues (R2.11): when a pod turns Available no object changes, so unless the sync that saw it
 * Ready asked to be woken, the rollout waits for an unrelated event. The loop below plays the
 * work queue: a pod turning Ready and the controller's own creates and deletes are events (sync at
 * once); otherwise the clock jumps to the requeue the last sync asked for, and a sync that asks
 * for none while work is left fails the test.
 */
class MinReadyRolloutTest extends Harness {
    private static final int MIN_READY = 10;

    private void start(int nodeCount, IntOrString maxUnavailable, IntOrString maxSurge) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(maxUnavailable, maxSurge));
        ds.getSpec().setMinReadySeconds(MIN_READY);
        cluster.add(nodes(nodeCount)).add(ds);
        sync();
        cluster.markAllReady();
        clock.advance(Duration.ofSeconds(MIN_READY + 1));
        sync();
        assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(nodeCount);
    }

    /** {@code kubectl rollout restart}: a template annotation changes. */
    private void restart() {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .setAnnotations(new HashMap<>(Map.of(
                                "kubectl.kubernetes.io/restartedAt",
                                clock.instant().toString()))));
    }

    private boolean rolledOut(int n) {
        var s = ds().getStatus();
        String hash = currentHash();
        return cluster.pods.size() == n
                && cluster.pods.values().stream().allMatch(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                && s.getUpdatedNumberScheduled() == n
                && s.getNumberAvailable() == n;
    }

    /** Plays the rollout to its end. */
    private void playUntilRolledOut(int n) {
        int syncs = 0;
        SyncResult r = sync();
        while (!rolledOut(n)) {
            assertThat(++syncs).as("syncs").isLessThan(100);
            boolean someoneNotReady = cluster.pods.values().stream().anyMatch(p -> !PodFacts.ready(p));
            boolean wrotePods = !cluster.created.isEmpty() || !cluster.deleted.isEmpty();
            if (someoneNotReady) {
                cluster.markAllReady(); // the kubelet's status update: an event, synced at once
            } else if (!wrotePods) { // a create or delete is observed: an event, synced at once
                assertThat(r.requeueAfter())
                        .as("a wake-up while pods wait to become available")
                        .isPresent();
                clock.advance(r.requeueAfter().get());
            }
            r = sync();
        }
    }

    @Test
    void aSurgeRolloutWithMinReadySecondsFinishesOnTheControllersOwnRequeues() {
        start(3, new IntOrString(0), new IntOrString(1));
        restart();

        playUntilRolledOut(3);

        assertThat(ds().getStatus().getNumberReady()).isEqualTo(3);
        assertThat(ds().getStatus().getNumberUnavailable()).isZero();
    }

    @Test
    void aPercentSurgeRolloutWithMinReadySecondsFinishesToo() {
        start(4, new IntOrString(0), new IntOrString("50%"));
        restart();

        playUntilRolledOut(4);
    }

    @Test
    void aMaxUnavailableRolloutWithMinReadySecondsFinishesOnTheControllersOwnRequeues() {
        start(3, new IntOrString(1), new IntOrString(0));
        restart();

        playUntilRolledOut(3);
    }

    @Test
    void aSurgedPodReadyButNotYetAvailableAsksToBeWokenWhenItBecomesAvailable() { // R5.6, R2.11
        start(1, new IntOrString(0), new IntOrString(1));
        restart();
        sync();
        assertThat(cluster.created).hasSize(1);
        String surged = cluster.created.get(0).getMetadata().getName();
        Instant readyAt = clock.instant();
        cluster.markReady(surged, readyAt);

        SyncResult r = sync();

        assertThat(cluster.deleted)
                .as("the old pod stays until the new one is available")
                .isEmpty();
        // Available once Ready for strictly more than minReadySeconds; one second of margin, as for
        // the wake-up on the pod's Ready transition.
        assertThat(r.requeueAfter()).contains(Duration.ofSeconds(MIN_READY + 1));
        clock.advance(Duration.ofSeconds(4));
        assertThat(sync().requeueAfter())
                .as("what is left of the wait")
                .contains(Duration.ofSeconds(MIN_READY + 1 - 4));
        clock.advance(Duration.ofSeconds(MIN_READY + 1 - 4));
        sync();
        assertThat(cluster.deleted).hasSize(1).doesNotContain(surged);
    }

    @Test
    void duringASurgeTheStatusCountsTheOldPodOfANodeUntilItIsGone() { // R3.1: the oldest pod of a node counts
        start(1, new IntOrString(0), new IntOrString(1));
        restart();
        sync();
        cluster.markAllReady();
        sync();

        var s = ds().getStatus();
        assertThat(cluster.pods).hasSize(2);
        assertThat(s.getCurrentNumberScheduled()).isEqualTo(1);
        assertThat(s.getUpdatedNumberScheduled()).isZero();
        assertThat(s.getNumberAvailable()).isEqualTo(1);
    }

    @Test
    void aNewPodWithoutMaxSurgeIsAvailableOnlyAfterMinReadySeconds() { // R3.3, numberAvailable
        start(1, new IntOrString(1), new IntOrString(0));
        restart();
        sync(); // deletes the old pod (R5.4)
        sync(); // manage creates the new one
        Pod fresh = cluster.pods.values().iterator().next();
        cluster.markReady(fresh.getMetadata().getName(), clock.instant());

        SyncResult r = sync();
        assertThat(ds().getStatus().getNumberReady()).isEqualTo(1);
        assertThat(ds().getStatus().getNumberAvailable()).isZero();
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(1);

        clock.advance(r.requeueAfter().orElseThrow());
        sync();
        assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(1);
        assertThat(ds().getStatus().getNumberUnavailable()).isZero();
    }
}
