package io.everynode.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controllers.daemonset.SyncResult;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {
    static final Map<String, String> WEB = Map.of("app", "web");
    static final String KEY = ReplicaWorld.NS + "/web-abc";

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    final ReplicaWorld world = new ReplicaWorld(clock);
    final ReplicaSetController controller =
            new ReplicaSetController(ReplicaSetController.Config.defaults(), world, world, clock);

    /** One sync, then the informer's reports of what it created and deleted. */
    SyncResult syncAndObserve() {
        int before = world.created.size();
        int deletedBefore = world.deleted.size();
        SyncResult r = controller.sync(KEY);
        world.created.subList(before, world.created.size()).forEach(controller::onPodAdded);
        for (String name : world.deleted.subList(deletedBefore, world.deleted.size()))
            controller.onPodDeleted(deletedPod(name));
        return r;
    }

    private Pod deletedPod(String name) {
        Pod p = new Pod();
        p.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        p.getMetadata().setName(name);
        p.getMetadata().setNamespace(ReplicaWorld.NS);
        p.getMetadata()
                .setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                        .withKind("ReplicaSet")
                        .withName("web-abc")
                        .withUid("uid-web-abc")
                        .withController(true)
                        .build()));
        return p;
    }

    @Test
    void aNewReplicaSetCreatesItsReplicasOwnedAndNamedAfterIt() {
        world.add(ReplicaWorld.replicaSet("web-abc", 3, WEB));

        syncAndObserve();

        assertThat(world.pods.values()).hasSize(3).allSatisfy(p -> {
            assertThat(p.getMetadata().getGenerateName()).isEqualTo("web-abc-");
            assertThat(p.getMetadata().getLabels()).containsAllEntriesOf(WEB);
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
                assertThat(r.getController()).isTrue();
                assertThat(r.getKind()).isEqualTo("ReplicaSet");
                assertThat(r.getUid()).isEqualTo("uid-web-abc");
            });
        });
        assertThat(world.events)
                .filteredOn(e -> e.startsWith("SuccessfulCreate: Created pod: web-abc-"))
                .hasSize(3);
        syncAndObserve(); // status counts the pods the sync started with, as upstream: the next sync sees them
        assertThat(world.created).hasSize(3);
        assertThat(world.sets.get("web-abc").getStatus().getReplicas()).isEqualTo(3);
        assertThat(world.sets.get("web-abc").getStatus().getObservedGeneration())
                .isEqualTo(1L);
    }

    @Test
    void creationsNotYetSeenByTheInformerAreNotRepeated() {
        world.add(ReplicaWorld.replicaSet("web-abc", 2, WEB));

        controller.sync(KEY); // the informer has reported nothing yet
        world.pods.clear(); // and the cache does not show the new pods
        controller.sync(KEY);

        assertThat(world.created).hasSize(2);
    }

    @Test
    void scalingDownDeletesUnscheduledThenPendingThenNotReadyPodsBeforeReadyOnes() {
        world.add(ReplicaWorld.replicaSet("web-abc", 1, WEB));
        world.pod("ready", WEB, "n1", "Running", true, "web-abc");
        world.pod("not-ready", WEB, "n2", "Running", false, "web-abc");
        world.pod("pending", WEB, "n3", "Pending", false, "web-abc");
        world.pod("unscheduled", WEB, null, "Pending", false, "web-abc");

        syncAndObserve();

        assertThat(world.deleted).containsExactly("unscheduled", "pending", "not-ready");
        assertThat(world.pods).containsOnlyKeys("ready");
        assertThat(world.events).contains("SuccessfulDelete: Deleted pod: pending");
    }

    @Test
    void amongReadyPodsTheOnesDoubledUpOnANodeAndTheNewerGoFirst() {
        world.add(ReplicaWorld.replicaSet("web-abc", 2, WEB));
        world.pod("alone", WEB, "n1", "Running", true, "web-abc");
        world.pod("shared-old", WEB, "n2", "Running", true, "web-abc");
        clock.advance(Duration.ofSeconds(5));
        world.pod("shared-new", WEB, "n2", "Running", true, "web-abc");

        syncAndObserve();

        assertThat(world.deleted).containsExactly("shared-new");
    }

    @Test
    void matchingOrphansAreAdoptedAndPodsThatStoppedMatchingAreReleased() {
        world.add(ReplicaWorld.replicaSet("web-abc", 2, WEB));
        world.pod("orphan", WEB, "n1", "Running", true, null);
        world.pod("relabelled", Map.of("app", "debug"), "n2", "Running", true, "web-abc");
        world.pod("other-app", Map.of("app", "db"), "n3", "Running", true, null);

        syncAndObserve();

        assertThat(world.pods.get("orphan").getMetadata().getOwnerReferences())
                .extracting(r -> r.getUid())
                .containsExactly("uid-web-abc");
        assertThat(world.pods.get("relabelled").getMetadata().getOwnerReferences())
                .isEmpty();
        assertThat(world.pods.get("other-app").getMetadata().getOwnerReferences())
                .isEmpty();
        assertThat(world.created)
                .as("the adopted orphan counts; one more is made")
                .hasSize(1);
    }

    @Test
    void podsBecomeAvailableOnlyAfterMinReadySecondsAndTheSyncAsksToComeBackThen() {
        ReplicaSet rs = ReplicaWorld.replicaSet("web-abc", 2, WEB);
        rs.getSpec().setMinReadySeconds(10);
        world.add(rs);
        world.pod("a", WEB, "n1", "Running", true, "web-abc");
        world.pod("b", WEB, "n2", "Running", false, "web-abc");
        clock.advance(Duration.ofSeconds(4));

        SyncResult r = syncAndObserve();

        var status = world.sets.get("web-abc").getStatus();
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getAvailableReplicas()).isZero();
        assertThat(status.getFullyLabeledReplicas()).isEqualTo(2);
        assertThat(r.requeueAfter()).contains(Duration.ofSeconds(6));

        clock.advance(Duration.ofSeconds(6));
        syncAndObserve();
        assertThat(world.sets.get("web-abc").getStatus().getAvailableReplicas()).isEqualTo(1);
    }

    @Test
    void finishedAndTerminatingPodsDoNotCountAndAreReplaced() {
        world.add(ReplicaWorld.replicaSet("web-abc", 2, WEB));
        world.pod("done", WEB, "n1", "Succeeded", false, "web-abc");
        world.pod("failed", WEB, "n2", "Failed", false, "web-abc");
        world.pod("going", WEB, "n3", "Running", true, "web-abc")
                .getMetadata()
                .setDeletionTimestamp(clock.instant().toString());

        syncAndObserve();

        assertThat(world.created).hasSize(2);
        assertThat(world.deleted).isEmpty();
    }

    @Test
    void anOrphanPodWakesEveryReplicaSetWhoseSelectorMatchesIt() {
        world.add(ReplicaWorld.replicaSet("web-abc", 1, WEB));
        world.add(ReplicaWorld.replicaSet("db-xyz", 1, Map.of("app", "db")));

        assertThat(controller.onPodAdded(world.pod("o", WEB, null, "Pending", false, null)))
                .containsExactly(KEY);
        assertThat(controller.onPodAdded(world.pod("p", WEB, null, "Pending", false, "db-xyz")))
                .containsExactly(ReplicaWorld.NS + "/db-xyz");
    }
}
