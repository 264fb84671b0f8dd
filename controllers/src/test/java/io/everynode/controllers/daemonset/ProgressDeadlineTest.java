package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.ProgressDeadline;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * E1.1–E1.4: the Progressing condition of a rollout with a progress deadline, on the fake cluster
 * and a manual clock. A pod the test does not mark Ready stands for a bad image: the kubelet never
 * reports it Ready, so the rollout stalls on it (maxUnavailable 1). Progress is read on the
 * counters, as upstream's Deployment reads its own: a sync that sees a new pod Ready also deletes
 * the next old one, so the progress shows once the next new pod is created (the next sync, which
 * the deletion's watch event brings at once in a real cluster).
 */
class ProgressDeadlineTest extends Harness {
    private static final int DEADLINE = 30;

    /** Three nodes, all pods Ready, then a template change whose first new pod never turns Ready. */
    private void stallARollout() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(ProgressDeadline.ANNOTATION, Integer.toString(DEADLINE));
        cluster.add(nodes(3)).add(ds);
        sync();
        cluster.markAllReady();
        sync();
        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.COMPLETE);
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:does-not-exist"));
        sync(); // deletes one old pod (maxUnavailable 1)
        sync(); // creates its replacement, which never becomes Ready
        assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
    }

    private DaemonSetCondition progressing() {
        List<DaemonSetCondition> conditions = ds().getStatus().getConditions();
        assertThat(conditions).isNotNull();
        return conditions.stream()
                .filter(c -> c.getType().equals("Progressing"))
                .findFirst()
                .orElseThrow();
    }

    private String stalledNode() {
        return cluster.pods.values().stream()
                .filter(p -> !PodFacts.ready(p))
                .map(PodFacts::targetNode)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRolloutIsProgressingWhileNewPodsAppearAndCompleteWhenAllAreAvailable() {
        stallARollout();

        assertThat(progressing().getStatus()).isEqualTo("True");
        assertThat(progressing().getReason()).isEqualTo("DaemonSetUpdated");
        assertThat(progressing().getMessage()).isEqualTo("DaemonSet \"ds\" is progressing.");
    }

    @Test
    void aStalledRolloutIsMarkedAtTheDeadlineAndNotBefore() {
        stallARollout();
        String since = progressing().getLastTransitionTime();

        clock.advance(Duration.ofSeconds(DEADLINE));
        SyncResult atDeadline = sync();

        assertThat(progressing().getReason()).isEqualTo("DaemonSetUpdated");
        assertThat(progressing().getLastTransitionTime()).isEqualTo(since);
        assertThat(cluster.events).isEmpty();
        assertThat(atDeadline.requeueAfter()).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        sync();

        DaemonSetCondition c = progressing();
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(c.getMessage())
                .isEqualTo("DaemonSet \"ds\" has timed out progressing: no new pod became available in 30s;"
                        + " new pods not available on nodes " + lagging() + ".");
        assertThat(c.getMessage()).contains(stalledNode());
        assertThat(cluster.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("Warning");
            assertThat(e.reason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(e.message()).isEqualTo(c.getMessage());
        });
    }

    /** Nodes lag in name order: the stalled node plus the two whose old pods are not of the new revision. */
    private String lagging() {
        return String.join(", ", List.of("node-000", "node-001", "node-002"));
    }

    @Test
    void theSyncAsksToBeWokenWhenTheDeadlineWouldPass() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(ProgressDeadline.ANNOTATION, Integer.toString(DEADLINE));
        cluster.add(nodes(2)).add(ds);

        SyncResult first = sync();

        assertThat(first.requeueAfter()).contains(Duration.ofSeconds(DEADLINE + 1));
        clock.advance(Duration.ofSeconds(10));
        assertThat(sync().requeueAfter())
                .as("what is left of the deadline")
                .contains(Duration.ofSeconds(DEADLINE - 10 + 1));
    }

    @Test
    void theDeadlineEventIsRecordedOnceWhileTheRolloutStaysStalled() {
        stallARollout();
        clock.advance(Duration.ofSeconds(DEADLINE + 1));
        sync();
        assertThat(cluster.eventReasons()).containsExactly("ProgressDeadlineExceeded");

        clock.advance(Duration.ofSeconds(DEADLINE + 1));
        SyncResult again = sync();

        assertThat(cluster.events).isEmpty();
        assertThat(cluster.statusWrites).isEmpty();
        assertThat(again.requeueAfter()).isEmpty();
        assertThat(progressing().getReason()).isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void progressAfterTheDeadlineTurnsTheConditionBackToProgressing() {
        stallARollout();
        clock.advance(Duration.ofSeconds(DEADLINE + 1));
        sync();
        assertThat(progressing().getStatus()).isEqualTo("False");

        cluster.markAllReady(); // the pod finally runs
        sync(); // counts it, and deletes the next old pod (maxUnavailable 1): numberAvailable stays 2
        sync(); // the deletion observed: creates the next new pod, so updatedNumberScheduled goes up

        assertThat(progressing().getStatus()).isEqualTo("True");
        assertThat(progressing().getReason()).isEqualTo("DaemonSetUpdated");
        assertThat(progressing().getLastTransitionTime())
                .isEqualTo(clock.instant().toString());
    }

    @Test
    void eachNewAvailablePodRestartsTheDeadline() {
        stallARollout();
        clock.advance(Duration.ofSeconds(DEADLINE - 5));
        cluster.markAllReady(); // the first new pod turns Ready before the deadline
        sync(); // counts it available and deletes the next old pod
        sync(); // creates the next new pod: progress
        String renewed = progressing().getLastTransitionTime();
        assertThat(renewed).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofSeconds(10)); // past the first deadline, within the renewed one
        sync();

        assertThat(progressing().getReason()).isNotEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void aFinishedRolloutIsComplete() {
        stallARollout();
        for (int i = 0; i < 10 && ds().getStatus().getUpdatedNumberScheduled() < 3; i++) {
            cluster.markAllReady();
            sync();
        }
        cluster.markAllReady();
        sync();

        assertThat(progressing().getStatus()).isEqualTo("True");
        assertThat(progressing().getReason()).isEqualTo("NewRevisionAvailable");
        assertThat(progressing().getMessage()).isEqualTo("DaemonSet \"ds\" has successfully progressed.");
    }

    @Test
    void withoutTheAnnotationNoConditionIsKept() {
        cluster.add(nodes(2)).add(daemonSet("ds"));
        sync();
        cluster.markAllReady();
        sync();

        assertThat(ds().getStatus().getConditions()).isNullOrEmpty();
    }

    @Test
    void removingTheAnnotationRemovesTheCondition() {
        stallARollout();
        cluster.editSpec("ds", d -> d.getMetadata().getAnnotations().remove(ProgressDeadline.ANNOTATION));

        sync();

        assertThat(ds().getStatus().getConditions()).isEmpty();
    }

    @Test
    void theMessageNamesFiveNodesAndCountsTheRest() {
        var outcome = RolloutProgress.decide(
                "agent",
                java.util.Optional.of(10),
                false,
                RolloutProgress.condition("True", "DaemonSetUpdated", "", clock.instant()),
                new RolloutProgress.Counters(7, 7, 0),
                new RolloutProgress.Counters(7, 7, 0),
                false,
                true,
                () -> List.of("a", "b", "c", "d", "e", "f", "g"),
                java.util.Optional::empty,
                clock.instant().plusSeconds(11));

        assertThat(outcome.condition().orElseThrow().getMessage())
                .isEqualTo("DaemonSet \"agent\" has timed out progressing: no new pod became available in 10s;"
                        + " new pods not available on nodes a, b, c, d, e and 2 more.");
        assertThat(Map.of("event", outcome.event().orElseThrow().reason()))
                .containsEntry("event", "ProgressDeadlineExceeded");
    }
}
