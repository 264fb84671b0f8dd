package io.everynode.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rule 4 on hand-made pod histories of one DaemonSet {@code ns/ds} on four nodes, as one watcher
 * saw them: the budget is counted after every single event.
 */
class RolloutBudgetCheckTest {
    private final History history = new History();
    private long revision = 10;

    private static ObjectNode daemonSet(int maxUnavailable, int maxSurge) {
        ObjectNode ds = Answers.JSON.createObjectNode();
        ds.putObject("metadata").put("name", "ds").put("namespace", "ns").put("uid", "ds-uid");
        ObjectNode rolling = ds.putObject("spec")
                .putObject("updateStrategy")
                .put("type", "RollingUpdate")
                .putObject("rollingUpdate");
        rolling.put("maxUnavailable", maxUnavailable);
        rolling.put("maxSurge", maxSurge);
        return ds;
    }

    private static ObjectNode pod(String name, String node, boolean ready, boolean deleting) {
        ObjectNode pod = Answers.JSON.createObjectNode();
        ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", "ns");
        if (deleting) meta.put("deletionTimestamp", "2026-01-01T00:00:00Z");
        meta.putArray("ownerReferences")
                .addObject()
                .put("kind", "DaemonSet")
                .put("name", "ds")
                .put("uid", "ds-uid");
        pod.putObject("spec").put("nodeName", node);
        pod.putObject("status")
                .putArray("conditions")
                .addObject()
                .put("type", "Ready")
                .put("status", ready ? "True" : "False");
        return pod;
    }

    private void see(String resource, WatchRecord.Type type, String name, ObjectNode object) {
        revision++;
        ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(revision));
        history.add(new WatchRecord.Event("pods", history.nextSeq(), type, resource + "/ns/" + name, revision, object));
    }

    private void pod(WatchRecord.Type type, String name, String node, boolean ready, boolean deleting) {
        see("pods", type, name, pod(name, node, ready, deleting));
    }

    /** The DaemonSet and an available old pod on each of four nodes. */
    private void rolledOut(int maxUnavailable, int maxSurge) {
        history.add(new WatchRecord.Listed(
                "pods", new ListSnapshot(history.nextId(), "pods", "", revision, 0, 0, java.util.Map.of())));
        see("daemonsets", WatchRecord.Type.ADDED, "ds", daemonSet(maxUnavailable, maxSurge));
        for (int n = 1; n <= 4; n++) pod(WatchRecord.Type.ADDED, "old-" + n, "node-" + n, false, false);
        for (int n = 1; n <= 4; n++) pod(WatchRecord.Type.MODIFIED, "old-" + n, "node-" + n, true, false);
    }

    /** On {@code node}: the old pod deleted first, then a new one created and made ready (maxSurge 0). */
    private void deleteFirst(int node, boolean finish) {
        pod(WatchRecord.Type.MODIFIED, "old-" + node, "node-" + node, true, true);
        if (!finish) return;
        pod(WatchRecord.Type.DELETED, "old-" + node, "node-" + node, true, true);
        pod(WatchRecord.Type.ADDED, "new-" + node, "node-" + node, false, false);
        pod(WatchRecord.Type.MODIFIED, "new-" + node, "node-" + node, true, false);
    }

    private List<Violation> violations() {
        return HistoryChecker.sharedKeys().check(history);
    }

    @Test
    void aRolloutReplacingTwoNodesAtATimeKeepsMaxUnavailableTwo() {
        rolledOut(2, 0);
        deleteFirst(1, false);
        deleteFirst(2, false);
        for (int n = 1; n <= 2; n++) {
            pod(WatchRecord.Type.DELETED, "old-" + n, "node-" + n, true, true);
            pod(WatchRecord.Type.ADDED, "new-" + n, "node-" + n, false, false);
            pod(WatchRecord.Type.MODIFIED, "new-" + n, "node-" + n, true, false);
        }
        deleteFirst(3, true);
        deleteFirst(4, true);

        assertThat(violations()).isEmpty();
    }

    @Test
    void everyDeletionPastMaxUnavailableTwoIsReportedAtTheEventThatDidIt() {
        rolledOut(2, 0);
        deleteFirst(1, false);
        deleteFirst(2, false);
        deleteFirst(3, false);
        deleteFirst(4, false);

        assertThat(violations())
                .extracting(Violation::toString)
                .containsExactly(
                        "ROLLOUT_BUDGET: DaemonSet ns/ds at revision 22 (pods event MODIFIED pods/ns/old-3 at revision"
                                + " 22): 3 nodes without an available pod (node-1 [old-1 deleting], node-2 [old-2"
                                + " deleting], node-3 [old-3 deleting]), more than maxUnavailable 2 (R5.2, R5.4)",
                        "ROLLOUT_BUDGET: DaemonSet ns/ds at revision 23 (pods event MODIFIED pods/ns/old-4 at revision"
                                + " 23): 4 nodes without an available pod (node-1 [old-1 deleting], node-2 [old-2"
                                + " deleting], node-3 [old-3 deleting], node-4 [old-4 deleting]), more than"
                                + " maxUnavailable 2 (R5.2, R5.4)");
    }

    @Test
    void aPodTurningUnreadyByItselfIsNoBreachButADeletionOnTopOfItIs() {
        rolledOut(1, 0);
        pod(WatchRecord.Type.MODIFIED, "old-1", "node-1", false, false);
        deleteFirst(2, false);

        assertThat(violations())
                .extracting(Violation::message)
                .containsExactly("DaemonSet ns/ds at revision 21 (pods event MODIFIED pods/ns/old-2 at revision 21): 2"
                        + " nodes without an available pod (node-1 [old-1 not ready], node-2 [old-2 deleting]), more"
                        + " than maxUnavailable 1 (R5.2, R5.4)");
    }

    @Test
    void aSurgeOnTwoNodesWithMaxSurgeOneIsReported() {
        rolledOut(0, 1);
        pod(WatchRecord.Type.ADDED, "new-1", "node-1", false, false);
        pod(WatchRecord.Type.ADDED, "new-2", "node-2", false, false);

        assertThat(violations())
                .extracting(Violation::message)
                .containsExactly("DaemonSet ns/ds at revision 21 (pods event ADDED pods/ns/new-2 at revision 21): 2"
                        + " nodes surging, a new pod not yet ready beside a ready old one (node-1 [new-1 not ready,"
                        + " old-1 ready], node-2 [new-2 not"
                        + " ready, old-2 ready]), maxSurge is 1 and a node runs at most"
                        + " one old and one new pod (R5.3, R5.5)");
    }

    @Test
    void aNodeWhoseNewPodIsReadyNoLongerSurgesWhileItsOldPodAwaitsDeletion() {
        // A leader created new pods on nodes 1 and 2, saw them ready, created on nodes 3 and 4 and
        // died before its deletes of old-1 and old-2 (creates go first, R2.9): R5.5 counts only
        // nodes 3 and 4 against maxSurge 2, as the next leader does.
        rolledOut(0, 2);
        for (int n = 1; n <= 2; n++) {
            pod(WatchRecord.Type.ADDED, "new-" + n, "node-" + n, false, false);
            pod(WatchRecord.Type.MODIFIED, "new-" + n, "node-" + n, true, false);
        }
        pod(WatchRecord.Type.ADDED, "new-3", "node-3", false, false);
        pod(WatchRecord.Type.ADDED, "new-4", "node-4", false, false);
        for (int n = 1; n <= 2; n++) {
            pod(WatchRecord.Type.MODIFIED, "old-" + n, "node-" + n, true, true);
            pod(WatchRecord.Type.DELETED, "old-" + n, "node-" + n, true, true);
        }

        assertThat(violations()).isEmpty();
    }

    @Test
    void aNodeWhoseOldPodTurnedUnreadyGetsItsNewPodBesideTheSurge() {
        // R5.5: an old pod that is not available is replaced at once, whatever maxSurge says.
        rolledOut(0, 1);
        pod(WatchRecord.Type.ADDED, "new-1", "node-1", false, false);
        pod(WatchRecord.Type.MODIFIED, "old-2", "node-2", false, false);
        pod(WatchRecord.Type.ADDED, "new-2", "node-2", false, false);

        assertThat(violations()).isEmpty();
    }

    @Test
    void theNewerPodOfANodeIsTheOneThatAppearedLaterWhateverItsName() {
        rolledOut(0, 1);
        pod(WatchRecord.Type.ADDED, "a-1", "node-1", false, false);
        pod(WatchRecord.Type.ADDED, "a-2", "node-2", false, false);

        assertThat(violations())
                .extracting(Violation::message)
                .singleElement()
                .satisfies(m -> assertThat(m).contains("2 nodes surging").contains("maxSurge is 1"));
    }

    @Test
    void aSurgeOneNodeAtATimeThatDeletesTheOldPodOnlyOnceTheNewIsReadyPasses() {
        rolledOut(0, 1);
        for (int n = 1; n <= 4; n++) {
            pod(WatchRecord.Type.ADDED, "new-" + n, "node-" + n, false, false);
            pod(WatchRecord.Type.MODIFIED, "new-" + n, "node-" + n, true, false);
            pod(WatchRecord.Type.MODIFIED, "old-" + n, "node-" + n, true, true);
            pod(WatchRecord.Type.DELETED, "old-" + n, "node-" + n, true, true);
        }

        assertThat(violations()).isEmpty();
    }

    @Test
    void theFirstRolloutOfANewDaemonSetIsNotBudgeted() {
        history.add(new WatchRecord.Listed(
                "pods", new ListSnapshot(history.nextId(), "pods", "", revision, 0, 0, java.util.Map.of())));
        see("daemonsets", WatchRecord.Type.ADDED, "ds", daemonSet(1, 0));
        for (int n = 1; n <= 4; n++) pod(WatchRecord.Type.ADDED, "old-" + n, "node-" + n, false, false);

        assertThat(violations()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'25%', 20, 5", "'10%', 20, 2", "'50%', 3, 2", "'1%', 20, 1", "3, 20, 3"})
    void percentagesAreOfTheDesiredNodesRoundedUp(String value, int desired, int scaled) {
        var node = value.endsWith("%") ? Answers.JSON.getNodeFactory().stringNode(value) : Answers.parse(value);
        assertThat(RolloutBudgetCheck.scaled(node, desired, 1)).isEqualTo(scaled);
    }
}
