package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static io.everynode.controllers.daemonset.Fixtures.tainted;
import static io.everynode.controllers.daemonset.Fixtures.toleration;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which nodes get a pod when a DaemonSet appears or nodes change (R1, R2.4, R2.8, R2.10). */
class LaunchTest extends Harness {

    private List<String> createdNodes() {
        return cluster.created.stream().map(PodFacts::targetNode).sorted().toList();
    }

    @Test
    void aNewDaemonSetGetsOnePodOnEveryNode() { // TestSimpleDaemonSetLaunchesPods
        cluster.add(nodes(5)).add(daemonSet("ds"));
        SyncResult r = sync();
        assertThat(r.failed()).isFalse();
        assertThat(createdNodes()).containsExactly("node-000", "node-001", "node-002", "node-003", "node-004");
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.eventReasons()).containsOnly("SuccessfulCreate").hasSize(5);
        assertThat(cluster.events.get(0).message()).startsWith("Created pod: ds-");
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isEqualTo(5);
        assertThat(ds().getStatus().getCurrentNumberScheduled()).isEqualTo(5);
        assertThat(ds().getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void aSecondSyncChangesNothing() {
        cluster.add(nodes(3)).add(daemonSet("ds"));
        sync();
        sync();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.statusWrites).isEmpty();
    }

    @Test
    void
            createdPodsAreAimedByAffinityAndLeftForTheSchedulerToBind() { // TestSimpleDaemonSetScheduleDaemonSetPodsLaunchesPods
        cluster.add(node("a")).add(daemonSet("ds"));
        sync();
        Pod p = cluster.created.get(0);
        assertThat(p.getSpec().getNodeName()).isNull();
        assertThat(PodFacts.targetNode(p)).isEqualTo("a");
        assertThat(p.getMetadata().getLabels()).containsEntry(PodFacts.HASH_LABEL, currentHash());
    }

    @Test
    void aNodeSelectorLimitsPodsToMatchingNodes() { // TestNodeSelectorDaemonLaunchesPods
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disk", "ssd"));
        cluster.add(node("a", "disk", "ssd"), node("b", "disk", "hdd"), node("c"))
                .add(ds);
        sync();
        assertThat(createdNodes()).containsExactly("a");
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isEqualTo(1);
    }

    @Test
    void requiredNodeAffinityLimitsPodsAndIsReplacedOnTheCreatedPod() { // TestNodeAffinityDaemonLaunchesPods
        DaemonSet ds = daemonSet("ds");
        NodeAffinity na = new NodeAffinity();
        na.setRequiredDuringSchedulingIgnoredDuringExecution(Fixtures.labelIn("zone", "z1", "z2"));
        Affinity aff = new Affinity();
        aff.setNodeAffinity(na);
        ds.getSpec().getTemplate().getSpec().setAffinity(aff);
        cluster.add(node("a", "zone", "z1"), node("b", "zone", "z3"), node("c", "zone", "z2"))
                .add(ds);
        sync();
        assertThat(createdNodes()).containsExactly("a", "c");
        var terms = cluster.created
                .get(0)
                .getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        assertThat(terms).hasSize(1);
        assertThat(terms.get(0).getMatchExpressions()).isNullOrEmpty();
    }

    @Test
    void aTemplateNodeNameLimitsPodsToThatNode() { // TestNameDaemonSetLaunchesPods
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().getTemplate().getSpec().setNodeName("b");
        cluster.add(node("a"), node("b")).add(ds);
        sync();
        assertThat(createdNodes()).containsExactly("b");
    }

    @Test
    void aTemplateNodeNameOfNoNodeLaunchesNothing() { // TestBadNameDaemonSetDoesNothing
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().getTemplate().getSpec().setNodeName("nowhere");
        cluster.add(node("a"), node("b")).add(ds);
        sync();
        assertThat(cluster.created).isEmpty();
    }

    @Test
    void anUntoleratedNoScheduleTaintGetsNoNewPod() { // TestTaintedNodeDaemonDoesNotLaunchIntolerantPod
        cluster.add(tainted(node("a"), "dedicated", "x", "NoSchedule"), node("b"))
                .add(daemonSet("ds"));
        sync();
        assertThat(createdNodes()).containsExactly("b");
    }

    @Test
    void aTolerationLetsThePodOntoATaintedNode() { // TestTaintedNodeDaemonLaunchesToleratePod
        DaemonSet ds = daemonSet("ds");
        ds.getSpec()
                .getTemplate()
                .getSpec()
                .setTolerations(List.of(toleration("dedicated", "Equal", "x", "NoSchedule")));
        cluster.add(tainted(node("a"), "dedicated", "x", "NoSchedule")).add(ds);
        sync();
        assertThat(createdNodes()).containsExactly("a");
    }

    @Test
    void automaticTolerationsLetThePodOntoNotReadyAndUnschedulableNodes() { // TestNotReadyNodeDaemonLaunchesPod
        cluster.add(
                        tainted(node("a"), "node.kubernetes.io/not-ready", null, "NoExecute"),
                        tainted(node("b"), "node.kubernetes.io/unschedulable", null, "NoSchedule"))
                .add(daemonSet("ds"));
        cluster.nodes.get("b").getSpec().setUnschedulable(true);
        sync();
        assertThat(createdNodes()).containsExactly("a", "b");
    }

    @Test
    void
            aNoScheduleTaintAddedLaterKeepsTheRunningPodButCountsItMisscheduled() { // TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod
        cluster.add(node("a"), node("b")).add(daemonSet("ds"));
        sync();
        tainted(cluster.nodes.get("a"), "dedicated", "x", "NoSchedule");
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.created).isEmpty();
        assertThat(ds().getStatus().getNumberMisscheduled()).isEqualTo(1);
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isEqualTo(1);
        assertThat(ds().getStatus().getCurrentNumberScheduled()).isEqualTo(1);
    }

    @Test
    void aNoExecuteTaintAddedLaterDeletesTheRunningPod() { // TestNoExecuteTaintedDoesEvicitRunningIntolerantPod
        cluster.add(node("a"), node("b")).add(daemonSet("ds"));
        sync();
        String onA = cluster.podsOn("a").get(0).getMetadata().getName();
        tainted(cluster.nodes.get("a"), "dedicated", "x", "NoExecute");
        sync();
        assertThat(cluster.deleted).containsExactly(onA);
        assertThat(cluster.eventReasons()).containsExactly("SuccessfulDelete");
        assertThat(cluster.events.get(0).message()).isEqualTo("Deleted pod: " + onA);
    }

    @Test
    void aNodeThatStopsMatchingTheSelectorLosesItsPod() {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("role", "edge"));
        cluster.add(node("a", "role", "edge")).add(ds);
        sync();
        cluster.nodes.get("a").getMetadata().getLabels().remove("role");
        sync();
        assertThat(cluster.deleted).hasSize(1);
        assertThat(ds().getStatus().getDesiredNumberScheduled()).isZero();
    }

    @Test
    void aTerminatingPodIsNotReplacedUntilItIsGone() { // TestDaemonSetRespectsTermination
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        Pod p = Fixtures.podFor(ds, "old", "a", "whatever");
        p.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        cluster.add(p);
        sync();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.deleted).isEmpty();
        // R3.1: terminating, non-terminal pods still count as scheduled.
        assertThat(ds().getStatus().getCurrentNumberScheduled()).isEqualTo(1);
    }

    @Test
    void excessPodsOnANodeAreTrimmedToTheOldestScheduledOne() { // TestDealsWithExistingPods / R2.5
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        Pod oldest = Fixtures.podFor(ds, "p-oldest", "a", "h");
        oldest.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
        Pod newer = Fixtures.podFor(ds, "p-newer", "a", "h");
        newer.getMetadata().setCreationTimestamp("2025-06-01T00:00:00Z");
        Pod boundButNewest = Fixtures.podFor(ds, "p-bound", "a", "h");
        boundButNewest.getMetadata().setCreationTimestamp("2025-09-01T00:00:00Z");
        boundButNewest.getSpec().setNodeName("a");
        cluster.add(oldest).add(newer).add(boundButNewest);
        sync();
        assertThat(cluster.deleted).containsExactlyInAnyOrder("p-oldest", "p-newer");
        assertThat(cluster.created).isEmpty();
    }

    @Test
    void podsOfOtherControllersAndNonMatchingPodsAreLeftAlone() {
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        Pod foreign = Fixtures.orphan("foreign", "a", Map.of("app", "ds"));
        var ref = PodTemplates.controllerRef(daemonSet("other"));
        foreign.getMetadata().setOwnerReferences(List.of(ref));
        cluster.add(foreign).add(Fixtures.orphan("unrelated", "a", Map.of("app", "web")));
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(createdNodes()).containsExactly("a");
        assertThat(cluster.pod("unrelated").getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void aMatchingOrphanIsAdoptedInsteadOfCreatingAPod() { // R2.2
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete()); // else the adopted (old-hash) pod is rolled at once
        cluster.add(node("a")).add(ds);
        cluster.add(Fixtures.orphan("stray", "a", Map.of("app", "ds")));
        sync();
        assertThat(cluster.created).isEmpty();
        assertThat(PodFacts.controllerOf(cluster.pod("stray")).orElseThrow().getUid())
                .isEqualTo("uid-ds");
        assertThat(cluster.daemonSetGets).isEqualTo(1);
    }

    @Test
    void anOwnedPodWhoseLabelsNoLongerMatchIsReleasedAndReplaced() { // R2.2
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        Pod p = Fixtures.podFor(ds, "relabelled", "a", "h");
        p.getMetadata().getLabels().put("app", "debug");
        cluster.add(p);
        sync();
        assertThat(cluster.pod("relabelled").getMetadata().getOwnerReferences()).isEmpty();
        assertThat(createdNodes()).containsExactly("a");
    }

    @Test
    void adoptionIsRefusedWhenTheFreshDaemonSetIsBeingDeleted() { // TestDontDoAnythingIfBeingDeletedRace
        cluster.add(node("a")).add(daemonSet("ds"));
        cluster.add(Fixtures.orphan("stray", "a", Map.of("app", "ds")));
        cluster.freshDaemonSet = d -> {
            d.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
            return d;
        };
        SyncResult r = sync();
        assertThat(r.failed()).isTrue();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.pod("stray").getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void aDaemonSetBeingDeletedDoesNothingAtAll() { // TestDontDoAnythingIfBeingDeleted
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        cluster.add(nodes(3)).add(ds);
        SyncResult r = sync();
        assertThat(r.failed()).isFalse();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.statusWrites).isEmpty();
        assertThat(cluster.createdRevisions).isEmpty();
    }

    @Test
    void anEmptySelectorEmitsSelectingAllAndTouchesNothing() { // TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setSelector(new LabelSelector());
        cluster.add(node("a")).add(ds).add(Fixtures.orphan("bystander", "a", Map.of("x", "y")));
        sync();
        assertThat(cluster.events)
                .containsExactly(new FakeCluster.Event(
                        "Warning",
                        "SelectingAll",
                        "This daemon set is selecting all pods. A non-empty selector is required."));
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.statusWrites).isEmpty();
    }

    @Test
    void aMissingDaemonSetIsANoOp() {
        SyncResult r = sync("gone");
        assertThat(r).isEqualTo(SyncResult.done());
    }

    @Test
    void anUnscheduledPodAimedAtAVanishedNodeIsDeleted() { // TestDeleteUnscheduledPodForNotExistingNode
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        cluster.add(Fixtures.podFor(ds, "aimed-at-gone", "gone", "h"));
        sync();
        assertThat(cluster.deleted).containsExactly("aimed-at-gone");
    }

    @Test
    void aBoundPodOnAVanishedNodeIsLeftToPodGcAndNotCounted() { // R2.8
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        Pod bound = Fixtures.podFor(ds, "bound-to-gone", "gone", "h");
        bound.getSpec().setNodeName("gone");
        cluster.add(bound);
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(ds().getStatus().getCurrentNumberScheduled()).isEqualTo(1);
        assertThat(ds().getStatus().getNumberMisscheduled()).isZero();
    }

    @Test
    void aNewNodeGetsItsPodOnTheNextSync() { // R10.6
        cluster.add(node("a")).add(daemonSet("ds"));
        sync();
        cluster.add(node("b"));
        sync();
        assertThat(createdNodes()).containsExactly("b");
    }
}
