package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed and succeeded pods, the burst limit, slow start and expectations (R2.1, R2.7, R2.9, R2.11). */
class PodLifecycleTest extends Harness {

    static Stream<Arguments> failedPodTable() { // TestDaemonKillFailedPods
        return Stream.of(
                Arguments.of("normal (do nothing)", 0, 1, 0, 0, 0),
                Arguments.of("no pods (create 1)", 0, 0, 1, 0, 0),
                Arguments.of("1 failed pod (kill 1), 0 normal (create in the next sync)", 1, 0, 0, 1, 1),
                Arguments.of("1 failed pod (kill 1), 3 normal (kill 2)", 1, 3, 0, 3, 1),
                Arguments.of("2 failed pods on one node: the node's back-off lets one die per round", 2, 1, 0, 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedPodTable")
    void failedPodsAreKilledAndReplacedOnALaterSync(
            String name, int failed, int normal, int creates, int deletes, int failedEvents) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(node("a")).add(ds);
        String hash = RevisionData.hash(ds.getSpec().getTemplate(), null);
        for (int i = 0; i < failed; i++) {
            cluster.add(Fixtures.podFor(ds, "failed-" + i, "a", hash));
            cluster.setPhase("failed-" + i, "Failed");
        }
        for (int i = 0; i < normal; i++) {
            cluster.add(Fixtures.podFor(ds, "ok-" + i, "a", hash));
        }
        sync();
        assertThat(cluster.created).hasSize(creates);
        assertThat(cluster.deleted).hasSize(deletes);
        assertThat(cluster.eventReasons().stream().filter("FailedDaemonPod"::equals))
                .hasSize(failedEvents);
        if (failed == 1 && normal == 0) {
            assertThat(cluster.events.get(0).message())
                    .isEqualTo("Found failed daemon pod default/failed-0 on node a, will try to kill it");
            sync();
            assertThat(cluster.created).hasSize(1);
        }
    }

    @Test
    void aPodThatKeepsFailingIsKilledWithDoublingBackoff() { // TestDaemonKillFailedPodsBackoff
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(node("a")).add(ds);
        sync();
        String first = cluster.created.get(0).getMetadata().getName();
        cluster.setPhase(first, "Failed");
        sync();
        assertThat(cluster.deleted).containsExactly(first);
        sync(); // replacement
        String second = cluster.created.get(0).getMetadata().getName();
        cluster.setPhase(second, "Failed");

        SyncResult r = sync(); // within the 1 s back-off: skipped, requeued after the delay
        assertThat(cluster.deleted).isEmpty();
        assertThat(r.requeueAfter()).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofMillis(1001));
        sync();
        assertThat(cluster.deleted).containsExactly(second);
        sync();
        String third = cluster.created.get(0).getMetadata().getName();
        cluster.setPhase(third, "Failed");
        clock.advance(Duration.ofMillis(1500));
        r = sync(); // back-off is now 2 s
        assertThat(cluster.deleted).isEmpty();
        assertThat(r.requeueAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aSucceededPodIsDeletedWithoutBackoff() { // R2.7
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        sync();
        String p = cluster.created.get(0).getMetadata().getName();
        cluster.setPhase(p, "Succeeded");
        sync();
        assertThat(cluster.deleted).containsExactly(p);
        assertThat(cluster.events.get(0))
                .isEqualTo(new FakeCluster.Event(
                        "Normal",
                        "SucceededDaemonPod",
                        "Found succeeded daemon pod default/" + p + " on node a, will try to delete it"));
    }

    @Test
    void aQuotaOfTenOnAHundredNodesCreatesExactlyTen() { // TestSimpleDaemonSetPodCreateErrors
        cluster.createQuota = 10;
        cluster.add(nodes(100)).add(daemonSet("ds"));
        SyncResult r = sync();
        assertThat(r.failed()).isTrue();
        assertThat(cluster.created).hasSize(10);
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isEqualTo(100);
        assertThat(ds().getStatus().getCurrentNumberScheduled()).isEqualTo(10);
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(10);
        // TestDaemonSetPodCreateExpectationsError: skipped creates are given back.
        assertThat(controller.expectationsSatisfied("default/ds")).isTrue();
        assertThat(cluster.eventReasons()).contains("FailedCreate");
    }

    @Test
    void slowStartStopsAfterTheFirstBatchWithAFailure() { // R2.9: batches 1, 2, 4, 8 …
        cluster.createQuota = 3;
        cluster.add(nodes(20)).add(daemonSet("ds"));
        sync();
        // Batches 1 and 2 succeed (3 pods), the batch of 4 fails entirely, nothing more is tried.
        assertThat(cluster.createAttempts).isEqualTo(7);
        assertThat(cluster.created).hasSize(3);
    }

    @Test
    void atMostTheBurstLimitOfPodsIsCreatedPerSync() { // R2.9: 250
        cluster.add(nodes(300)).add(daemonSet("ds"));
        sync();
        assertThat(cluster.created).hasSize(250);
        sync();
        assertThat(cluster.created).hasSize(50);
    }

    @Test
    void aSmallerConfiguredBurstIsHonoured() {
        Harness h = new Harness(new DaemonSetController.Config(
                3, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(5)));
        h.cluster.add(nodes(5)).add(daemonSet("ds"));
        h.sync();
        assertThat(h.cluster.created).hasSize(3);
    }

    @Test
    void unobservedCreatesBlockManageButStatusIsStillRefreshed() { // R2.1 step 5
        cluster.observer = null; // the informer is slow: no pod events arrive
        cluster.add(nodes(2)).add(daemonSet("ds"));
        sync();
        assertThat(cluster.created).hasSize(2);
        long observed = ds().getStatus().getObservedGeneration();
        cluster.editSpec("ds", d -> d.getSpec().setMinReadySeconds(0));
        cluster.nodes.put("node-new", node("node-new"));
        sync();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.statusWrites).hasSize(1);
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isEqualTo(3);
        assertThat(ds().getStatus().getObservedGeneration()).isEqualTo(observed); // not advanced
    }

    @Test
    void expectationsExpireAfterTheirTtl() { // R2.11: 5 minutes
        cluster.observer = null;
        cluster.add(nodes(1)).add(daemonSet("ds"));
        sync();
        cluster.add(node("late"));
        sync();
        assertThat(cluster.created).isEmpty();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        sync();
        assertThat(cluster.created).hasSize(1);
    }

    @Test
    void podEventsSatisfyExpectations() { // R2.11
        cluster.observer = null;
        cluster.add(nodes(2)).add(daemonSet("ds"));
        sync();
        assertThat(controller.expectationsSatisfied("default/ds")).isFalse();
        for (var p : new ArrayList<>(cluster.created)) {
            controller.onPodAdded(p);
        }
        assertThat(controller.expectationsSatisfied("default/ds")).isTrue();
    }

    @Test
    void deletingTheDaemonSetForgetsItsExpectations() { // TestExpectationsOnRecreate
        cluster.observer = null;
        cluster.add(nodes(2)).add(daemonSet("ds"));
        sync();
        controller.onDaemonSetDeleted(ds());
        assertThat(controller.expectationsSatisfied("default/ds")).isTrue();
    }

    @Test
    void aDeleteOfAnAlreadyGonePodIsNotAnError() { // R2.9
        DaemonSet ds = daemonSet("ds");
        cluster.add(Fixtures.tainted(node("a"), "k", "v", "NoExecute")).add(ds);
        cluster.add(Fixtures.podFor(ds, "x", "a", "h"));
        List<String> gone = new ArrayList<>();
        DaemonSetController racing = new DaemonSetController(
                DaemonSetController.Config.defaults(), cluster, new DeletesFirst(cluster, gone), clock);
        SyncResult r = racing.sync("default/ds");
        assertThat(gone).containsExactly("x");
        assertThat(r.failed()).isFalse();
        assertThat(racing.expectationsSatisfied("default/ds")).isTrue();
    }

    /** Actions that lose the race: the pod is already gone when the controller deletes it. */
    private static final class DeletesFirst extends ForwardingActions {
        private final List<String> gone;

        DeletesFirst(FakeCluster c, List<String> gone) {
            super(c);
            this.gone = gone;
        }

        @Override
        public void deletePod(String namespace, String name) {
            gone.add(name);
            delegate.pods.remove(name); // someone else deleted it first
            delegate.deletePod(namespace, name); // → NotFound
        }
    }
}
