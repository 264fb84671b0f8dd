package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The remembered decisions must always equal a fresh evaluation, whatever changed and however. */
class NodeDecisionsTest {
    private final NodeDecisions decisions = new NodeDecisions();

    private static DaemonSet selecting(String key, String value) {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of(key, value));
        return ds;
    }

    private static boolean fresh(Node n, DaemonSet ds) {
        return NodeShouldRunDaemonPod.evaluate(n, ds).shouldRun();
    }

    @Test
    void aLabelChangedInPlaceIsSeenOnTheNextRefresh() {
        Node a = node("a", "disk", "hdd");
        DaemonSet ds = selecting("disk", "ssd");
        assertThat(decisions.refresh(ds, List.of(a)).apply(a).shouldRun()).isFalse();
        a.getMetadata().getLabels().put("disk", "ssd");
        assertThat(decisions.refresh(ds, List.of(a)).apply(a).shouldRun())
                .isTrue()
                .isEqualTo(fresh(a, ds));
    }

    @Test
    void aTaintAddedInPlaceIsSeenOnTheNextRefresh() {
        Node a = node("a");
        DaemonSet ds = daemonSet("ds");
        Function<Node, NodeShouldRunDaemonPod.Decision> decide = decisions.refresh(ds, List.of(a));
        assertThat(decide.apply(a).shouldRun()).isTrue();
        tainted(a, "dedicated", "x", "NoExecute");
        assertThat(decisions.refresh(ds, List.of(a)).apply(a).reason())
                .isEqualTo(NodeShouldRunDaemonPod.UNTOLERATED_NO_EXECUTE_TAINT);
    }

    @Test
    void aChangedTemplateEvaluatesEveryNodeAgain() {
        Node a = node("a", "disk", "ssd");
        Node b = node("b", "disk", "hdd");
        DaemonSet ssd = selecting("disk", "ssd");
        DaemonSet hdd = selecting("disk", "hdd");
        Function<Node, NodeShouldRunDaemonPod.Decision> first = decisions.refresh(ssd, List.of(a, b));
        assertThat(List.of(first.apply(a).shouldRun(), first.apply(b).shouldRun()))
                .containsExactly(true, false);
        Function<Node, NodeShouldRunDaemonPod.Decision> second = decisions.refresh(hdd, List.of(a, b));
        assertThat(List.of(second.apply(a).shouldRun(), second.apply(b).shouldRun()))
                .containsExactly(false, true);
    }

    @Test
    void aNodeNotRefreshedIsEvaluatedOnTheSpot() {
        Node a = node("a");
        Node other = tainted(node("other"), "k", "v", "NoSchedule");
        DaemonSet ds = daemonSet("ds");
        assertThat(decisions.refresh(ds, List.of(a)).apply(other).reason())
                .isEqualTo(NodeShouldRunDaemonPod.UNTOLERATED_NO_SCHEDULE_TAINT);
    }
}
