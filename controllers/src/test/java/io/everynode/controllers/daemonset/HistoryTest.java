package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ControllerRevision history: creation, renumbering, dedup, cleanup, collisions (R4). */
class HistoryTest extends Harness {

    private void setImage(String image) {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    private Map<String, Long> revisionNumbers() {
        Map<String, Long> out = new LinkedHashMap<>();
        cluster.revisions.forEach((n, r) -> out.put(n, r.getRevision()));
        return out;
    }

    private ControllerRevision revision(String name, DaemonSet data, long number, String hash, boolean owned) {
        ControllerRevision r = HistoryPlan.newRevision(data, RevisionData.patchFor(data), number);
        r.getMetadata().setName(name);
        r.getMetadata().getLabels().put(PodFacts.HASH_LABEL, hash);
        if (!owned) {
            r.getMetadata().setOwnerReferences(List.of());
        }
        return r;
    }

    @Test
    void aFreshDaemonSetHasOneRevisionNumberedOne() { // R4.2, R4.5
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put("team", "infra");
        cluster.add(ds);
        sync();
        String hash = currentHash();
        ControllerRevision r = cluster.revisions.get("ds-" + hash);
        assertThat(r).isNotNull();
        assertThat(r.getRevision()).isEqualTo(1L);
        assertThat(r.getMetadata().getLabels()).containsEntry("app", "ds").containsEntry(PodFacts.HASH_LABEL, hash);
        assertThat(r.getMetadata().getAnnotations()).containsEntry("team", "infra");
        assertThat(PodFacts.controllerOf(r).orElseThrow().getUid()).isEqualTo("uid-ds");
        assertThat(RevisionData.canonicalOf(r.getData())).isEqualTo(RevisionData.patchFor(ds()));
        assertThat(new String(RevisionData.canonicalOf(r.getData()), StandardCharsets.UTF_8))
                .startsWith("{\"spec\":{\"template\":{\"$patch\":\"replace\"");
    }

    @Test
    void aTemplateChangeAddsRevisionTwoWithANewHash() { // R4.5
        cluster.add(daemonSet("ds"));
        sync();
        String first = currentHash();
        setImage("agent:2");
        sync();
        assertThat(revisionNumbers())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ds-" + first, 1L, "ds-" + currentHash(), 2L));
    }

    @Test
    void rollingBackRenumbersTheOldRevisionInsteadOfCreatingOne() { // R4.3 step 7, pitfall 6
        cluster.add(daemonSet("ds"));
        sync();
        String first = currentHash();
        setImage("agent:2");
        sync();
        String second = currentHash();
        setImage("agent:1");
        sync();
        assertThat(currentHash()).isEqualTo(first);
        assertThat(cluster.createdRevisions).isEmpty();
        assertThat(revisionNumbers()).containsExactlyInAnyOrderEntriesOf(Map.of("ds-" + first, 3L, "ds-" + second, 2L));
    }

    @Test
    void duplicateCurrentRevisionsAreMergedAndPodsRelabelled() { // TestDSCUpdatesPodLabelAfterDedupCurHistories
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(node("a")).add(ds);
        cluster.add(revision("ds-low", ds, 3, "low", true)).add(revision("ds-high", ds, 5, "high", true));
        Pod p = Fixtures.podFor(ds, "p", "a", "low");
        cluster.add(p);
        sync();
        assertThat(cluster.deletedRevisions).containsExactly("ds-low");
        assertThat(cluster.labelPatches).containsEntry("p", Map.of(PodFacts.HASH_LABEL, "high"));
        assertThat(PodFacts.label(cluster.pod("p"), PodFacts.HASH_LABEL)).isEqualTo("high");
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
    }

    @Test
    void oldRevisionsBeyondTheHistoryLimitAreDeletedLowestFirst() { // R4.6
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setRevisionHistoryLimit(2);
        cluster.add(ds);
        sync();
        for (int i = 2; i <= 6; i++) {
            setImage("agent:" + i);
            sync();
        }
        // Six templates made revisions 1–6; the current one and the two newest old ones remain.
        assertThat(cluster.revisions.values())
                .extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(4L, 5L, 6L);
    }

    @Test
    void aHistoryLimitOfZeroKeepsOnlyTheCurrentRevision() {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setRevisionHistoryLimit(0);
        cluster.add(ds);
        sync();
        setImage("agent:2");
        sync();
        assertThat(cluster.revisions.keySet()).containsExactly("ds-" + currentHash());
    }

    @Test
    void cleanupSparesRevisionsStillNamedByALivePod() { // R4.6
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setRevisionHistoryLimit(0);
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        cluster.add(node("a")).add(ds);
        sync();
        String first = currentHash();
        setImage("agent:2");
        sync();
        assertThat(cluster.revisions).containsKey("ds-" + first);
        // Once the old pod is gone, the old revision goes too.
        cluster.deletePod("default", cluster.podsOn("a").get(0).getMetadata().getName());
        sync();
        assertThat(cluster.revisions.keySet()).containsExactly("ds-" + currentHash());
    }

    @Test
    void aHashCollisionBumpsCollisionCountAndTheNextSyncSucceeds() { // TestLaunchWithHashCollision, R4.4
        DaemonSet ds = daemonSet("ds");
        cluster.add(node("a")).add(ds);
        String hash = RevisionData.hash(ds.getSpec().getTemplate(), null);
        DaemonSet other = daemonSet("ds");
        other.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("squatter");
        ControllerRevision squatter = revision("ds-" + hash, other, 1, hash, false);
        squatter.getMetadata().setLabels(Map.of("unrelated", "yes"));
        cluster.add(squatter);

        SyncResult first = sync();
        assertThat(first.failed()).isTrue();
        assertThat(ds().getStatus().getCollisionCount()).isEqualTo(1);
        assertThat(cluster.created).isEmpty();

        SyncResult second = sync();
        assertThat(second.failed()).isFalse();
        assertThat(currentHash()).isNotEqualTo(hash);
        assertThat(cluster.revisions).containsKey("ds-" + currentHash());
        assertThat(cluster.created).hasSize(1);
        assertThat(PodFacts.label(cluster.created.get(0), PodFacts.HASH_LABEL)).isEqualTo(currentHash());
    }

    @Test
    void anExistingRevisionWithTheSameDataIsReusedOnAlreadyExists() { // R4.4 first branch
        DaemonSet ds = daemonSet("ds");
        cluster.add(ds);
        String hash = RevisionData.hash(ds.getSpec().getTemplate(), null);
        ControllerRevision twin = revision("ds-" + hash, ds, 1, hash, false);
        twin.getMetadata().setOwnerReferences(List.of(PodTemplates.controllerRef(daemonSet("someone-else"))));
        cluster.add(twin);
        SyncResult r = sync();
        assertThat(r.failed()).isFalse();
        assertThat(ds().getStatus().getCollisionCount()).isNull();
    }

    @Test
    void aMatchingOrphanRevisionIsAdoptedButOneInAnotherNamespaceIsNot() { // TestControlledHistories
        DaemonSet ds = daemonSet("ds");
        cluster.add(ds);
        String hash = RevisionData.hash(ds.getSpec().getTemplate(), null);
        cluster.add(revision("ds-" + hash, ds, 1, hash, false));
        ControllerRevision elsewhere = revision("ds-elsewhere", ds, 1, hash, false);
        elsewhere.getMetadata().setNamespace("other");
        cluster.add(elsewhere);
        sync();
        assertThat(cluster.createdRevisions).isEmpty();
        assertThat(PodFacts.controllerOf(cluster.revisions.get("ds-" + hash))).isPresent();
        assertThat(cluster.revisions.get("ds-elsewhere").getMetadata().getOwnerReferences())
                .isEmpty();
    }

    @Test
    void anOwnedRevisionWithoutAHashLabelGetsItsNameAsTheLabel() { // R4.3 step 2
        DaemonSet ds = daemonSet("ds");
        cluster.add(ds);
        DaemonSet old = daemonSet("ds");
        old.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:0");
        ControllerRevision r = revision("ds-legacy", old, 1, "x", true);
        r.getMetadata().getLabels().remove(PodFacts.HASH_LABEL);
        cluster.add(r);
        sync();
        assertThat(cluster.revisions.get("ds-legacy").getMetadata().getLabels())
                .containsEntry(PodFacts.HASH_LABEL, "ds-legacy");
        assertThat(cluster.revisions.get("ds-" + currentHash()).getRevision()).isEqualTo(2L);
    }
}
