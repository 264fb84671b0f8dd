package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Informer events → keys and expectation observations (R1.10, R2.11). */
class DaemonSetEventsTest {
    private final DaemonSet plain = daemonSet("plain");
    private final DaemonSet ssdOnly = withSelector(daemonSet("ssd"), Map.of("disk", "ssd"));
    private final DaemonSet alsoPlain = daemonSet("also");
    private final List<DaemonSet> all = List.of(plain, ssdOnly);

    private static DaemonSet withSelector(DaemonSet ds, Map<String, String> nodeSelector) {
        ds.getSpec().getTemplate().getSpec().setNodeSelector(nodeSelector);
        return ds;
    }

    private static Node copy(Node n) {
        return FakeCluster.copy(n, Node.class);
    }

    private static Pod copy(Pod p) {
        return FakeCluster.copy(p, Pod.class);
    }

    @Test
    void aNewNodeWakesOnlyTheDaemonSetsThatShouldRunOnIt() {
        assertThat(DaemonSetEvents.nodeAdded(node("a"), all).enqueue()).containsExactly("default/plain");
        assertThat(DaemonSetEvents.nodeAdded(node("b", "disk", "ssd"), all).enqueue())
                .containsExactlyInAnyOrder("default/plain", "default/ssd");
    }

    @Test
    void aHeartbeatOnlyNodeUpdateWakesNothing() {
        Node old = node("a");
        Node cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        cur.getStatus().getConditions().get(0).setLastHeartbeatTime("2026-01-01T00:00:10Z");
        assertThat(DaemonSetEvents.onlyHeartbeatChanged(old, cur)).isTrue();
        assertThat(DaemonSetEvents.nodeUpdated(old, cur, all).enqueue()).isEmpty();
    }

    @Test
    void anAllocatableOnlyChangeWakesNothing() { // TestUpdateNode "Node Allocatable changed"
        Node old = node("a");
        Node cur = copy(old);
        cur.getStatus().setAllocatable(Map.of("cpu", new Quantity("4")));
        assertThat(DaemonSetEvents.onlyHeartbeatChanged(old, cur)).isFalse();
        assertThat(DaemonSetEvents.nodeUpdated(old, cur, all).enqueue()).isEmpty();
    }

    @Test
    void aLabelChangeWakesTheDaemonSetsWhoseDecisionChanged() {
        Node old = node("a");
        Node cur = copy(old);
        cur.getMetadata().getLabels().put("disk", "ssd");
        assertThat(DaemonSetEvents.nodeUpdated(old, cur, all).enqueue()).containsExactly("default/ssd");
    }

    @Test
    void aNewConditionWakesDaemonSetsOnlyThroughItsTaints() {
        Node old = node("a");
        Node cur = copy(old);
        NodeCondition pressure = new NodeCondition();
        pressure.setType("MemoryPressure");
        pressure.setStatus("True");
        cur.getStatus().getConditions().add(pressure);
        assertThat(DaemonSetEvents.onlyHeartbeatChanged(old, cur)).isFalse();
        assertThat(DaemonSetEvents.nodeUpdated(old, cur, all).enqueue()).isEmpty();
        Fixtures.tainted(cur, "dedicated", "x", "NoExecute");
        assertThat(DaemonSetEvents.nodeUpdated(old, cur, all).enqueue()).containsExactly("default/plain");
    }

    @Test
    void anOwnedPodAddIsAnObservedCreation() {
        Pod p = Fixtures.podFor(plain, "p", "a", "h");
        Reaction r = DaemonSetEvents.podAdded(p, all);
        assertThat(r.enqueue()).containsExactly("default/plain");
        assertThat(r.observations())
                .containsExactly(
                        new Reaction.Observation(Reaction.Observation.Kind.CREATION_OBSERVED, "default/plain"));
    }

    @Test
    void aPodArrivingTerminatingIsAnObservedDeletion() {
        Pod p = Fixtures.podFor(plain, "p", "a", "h");
        p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(DaemonSetEvents.podAdded(p, all).observations())
                .containsExactly(
                        new Reaction.Observation(Reaction.Observation.Kind.DELETION_OBSERVED, "default/plain"));
    }

    @Test
    void anOrphanPodAddWakesEveryMatchingDaemonSetWithoutExpectations() { // TestAddPodOrphan
        List<DaemonSet> three = List.of(plain, alsoPlain, ssdOnly);
        alsoPlain.getSpec().getSelector().setMatchLabels(Map.of("app", "plain"));
        Pod orphan = Fixtures.orphan("o", "a", Map.of("app", "plain"));
        Reaction r = DaemonSetEvents.podAdded(orphan, three);
        assertThat(r.enqueue()).containsExactlyInAnyOrder("default/plain", "default/also");
        assertThat(r.observations()).isEmpty();
    }

    @Test
    void anOrphanUpdateWithSameLabelsWakesNothing() { // TestUpdatePodOrphanSameLabels
        Pod old = Fixtures.orphan("o", "a", Map.of("app", "plain"));
        Pod cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        assertThat(DaemonSetEvents.podUpdated(old, cur, all).enqueue()).isEmpty();
    }

    @Test
    void anOrphanUpdateWithNewLabelsWakesMatchingDaemonSets() { // TestUpdatePodOrphanWithNewLabels
        alsoPlain.getSpec().getSelector().setMatchLabels(Map.of("app", "plain"));
        Pod old = Fixtures.orphan("o", "a", Map.of("app", "none"));
        Pod cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        cur.getMetadata().setLabels(Map.of("app", "plain"));
        assertThat(DaemonSetEvents.podUpdated(old, cur, List.of(plain, alsoPlain))
                        .enqueue())
                .hasSize(2);
    }

    @Test
    void aControllerRefChangeWakesOldAndNewOwner() { // TestUpdatePodChangeControllerRef
        Pod old = Fixtures.podFor(plain, "p", "a", "h");
        Pod cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        cur.getMetadata().setOwnerReferences(List.of(PodTemplates.controllerRef(ssdOnly)));
        assertThat(DaemonSetEvents.podUpdated(old, cur, all).enqueue())
                .containsExactlyInAnyOrder("default/plain", "default/ssd");
    }

    @Test
    void aResyncWithTheSameResourceVersionWakesNothing() {
        Pod p = Fixtures.podFor(plain, "p", "a", "h");
        assertThat(DaemonSetEvents.podUpdated(p, copy(p), all)).isEqualTo(Reaction.none());
    }

    @Test
    void aPodTurningReadyWithMinReadySecondsAlsoRequeuesAfterThem() { // R2.11
        plain.getSpec().setMinReadySeconds(10);
        Pod old = Fixtures.podFor(plain, "p", "a", "h");
        Pod cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        cur.getStatus().setConditions(List.of(ready));
        Reaction r = DaemonSetEvents.podUpdated(old, cur, all);
        assertThat(r.enqueue()).containsExactly("default/plain");
        assertThat(r.enqueueAfter()).containsEntry("default/plain", Duration.ofSeconds(11));
    }

    @Test
    void aPodUpdateSettingDeletionTimestampIsAnObservedDeletion() {
        Pod old = Fixtures.podFor(plain, "p", "a", "h");
        Pod cur = copy(old);
        cur.getMetadata().setResourceVersion("2");
        cur.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(DaemonSetEvents.podUpdated(old, cur, all).observations())
                .containsExactly(
                        new Reaction.Observation(Reaction.Observation.Kind.DELETION_OBSERVED, "default/plain"));
    }

    @Test
    void deletingAnOrphanOrAForeignPodWakesNothing() { // TestDeletePodOrphan, TestDeleteNoDaemonPod
        assertThat(DaemonSetEvents.podDeleted(Fixtures.orphan("o", "a", Map.of("app", "plain")), all))
                .isEqualTo(Reaction.none());
        Pod foreign = Fixtures.orphan("f", "a", Map.of("app", "plain"));
        var ref = PodTemplates.controllerRef(plain);
        ref.setKind("ReplicaSet");
        foreign.getMetadata().setOwnerReferences(List.of(ref));
        assertThat(DaemonSetEvents.podDeleted(foreign, all).enqueue()).isEmpty();
    }

    @Test
    void aPodOwnedByAnOlderNamesakeIsNotResolved() {
        Pod p = Fixtures.podFor(plain, "p", "a", "h");
        p.getMetadata().getOwnerReferences().get(0).setUid("uid-of-a-deleted-namesake");
        assertThat(DaemonSetEvents.podDeleted(p, all).enqueue()).isEmpty();
    }

    @Test
    void aDaemonSetDeleteForgetsExpectationsAndEnqueues() { // TestDeleteFinalStateUnknown
        Reaction r = DaemonSetEvents.daemonSetDeleted(plain);
        assertThat(r.enqueue()).containsExactly("default/plain");
        assertThat(r.observations())
                .containsExactly(new Reaction.Observation(Reaction.Observation.Kind.FORGET, "default/plain"));
    }

    @Test
    void aDaemonSetUpdateWithANewUidIsADeleteAndAnAdd() {
        DaemonSet recreated = FakeCluster.copy(plain, DaemonSet.class);
        recreated.getMetadata().setUid("uid-2");
        assertThat(DaemonSetEvents.daemonSetUpdated(plain, recreated).observations())
                .containsExactly(new Reaction.Observation(Reaction.Observation.Kind.FORGET, "default/plain"));
        assertThat(DaemonSetEvents.daemonSetUpdated(plain, plain).observations())
                .isEmpty();
    }

    @Test
    void revisionEventsWakeTheOwnerOrMatchingDaemonSets() {
        ControllerRevision owned = HistoryPlan.newRevision(plain, RevisionData.patchFor(plain), 1);
        assertThat(DaemonSetEvents.revisionAdded(owned, all).enqueue()).containsExactly("default/plain");
        assertThat(DaemonSetEvents.revisionDeleted(owned, all).enqueue()).containsExactly("default/plain");
        ControllerRevision orphan = FakeCluster.copy(owned, ControllerRevision.class);
        orphan.getMetadata().setOwnerReferences(List.of());
        assertThat(DaemonSetEvents.revisionAdded(orphan, all).enqueue()).containsExactly("default/plain");
        assertThat(DaemonSetEvents.revisionDeleted(orphan, all).enqueue()).isEmpty();
    }
}
