package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** E5.3–E5.5 through the controller's sync: stages, soaks on the injected clock, restarts, pause. */
class StagedRolloutSyncTest extends RolloutHarness {
    private static final String STAGES =
            "[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":60}," + "{\"name\":\"rest\"}]";

    private void start() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(AdvancedRollout.STAGES, STAGES);
        cluster.add(node("c1", "pool", "canary"), node("m1", "pool", "main"), node("m2", "pool", "main"));
        cluster.add(ds);
        settle();
        clock.advance(Duration.ofSeconds(61)); // the first revision's canary soak
        settle();
        assertThat(condition().getReason()).isEqualTo(StagedRollout.COMPLETE);
        newImage("agent:2");
    }

    private DaemonSetCondition condition() {
        return StagedRollout.stored(ds()).orElseThrow();
    }

    @Test
    void aSoakLongerThanTheDeadlineDoesNotTripItWhileAStallAfterItDoes() { // E1.7
        start();
        annotate(ProgressDeadline.ANNOTATION, "30");
        settle(); // the canary is updated; its soak (60 s) begins
        clock.advance(Duration.ofSeconds(45)); // past the deadline, within the soak

        sync();

        assertThat(progressing().getStatus()).isEqualTo("Unknown");
        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.SOAKING);
        assertThat(progressing().getMessage()).startsWith("DaemonSet \"ds\" is soaking: stage \"canary\" (1 of 2)");
        assertThat(cluster.events).isEmpty();

        clock.advance(Duration.ofSeconds(16)); // the soak is over: stage "rest" starts
        sync(); // deletes one old pod (maxUnavailable 1)
        sync(); // creates its replacement, which never turns Ready
        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.UPDATED);
        clock.advance(Duration.ofSeconds(31));

        sync();

        assertThat(progressing().getReason()).isEqualTo(RolloutProgress.TIMED_OUT);
    }

    @Test
    void theCanaryStageUpdatesAloneThenTheRestFollowsAfterTheSoak() {
        start();

        settle();
        assertThat(updatedNodes()).containsExactly("c1");
        assertThat(condition().getReason()).isEqualTo(StagedRollout.SOAKING);
        SyncResult soaking = sync();
        assertThat(soaking.requeueAfter()).isPresent();

        clock.advance(Duration.ofSeconds(61));
        settle();

        assertThat(updatedNodes()).containsExactly("c1", "m1", "m2");
        assertThat(condition().getReason()).isEqualTo(StagedRollout.COMPLETE);
    }

    @Test
    void aRestartedControllerResumesTheSoakFromTheStoredCondition() {
        start();
        settle();
        clock.advance(Duration.ofSeconds(30));

        DaemonSetController restarted =
                new DaemonSetController(DaemonSetController.Config.defaults(), cluster, cluster, clock);
        cluster.observer = restarted;
        cluster.clearRecords();
        restarted.sync(Fixtures.NS + "/ds");
        assertThat(cluster.deleted).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        cluster.clearRecords();
        restarted.sync(Fixtures.NS + "/ds");
        assertThat(cluster.deleted).hasSize(1);
    }

    @Test
    void eachStageStartAndCompletionIsAnEvent() {
        start();
        cluster.events.clear();
        sync();
        var first = cluster.events.stream().map(FakeCluster.Event::reason).toList();
        settle();

        assertThat(first).contains(StagedRollout.STARTED_EVENT);
        assertThat(condition().getMessage()).startsWith("stage \"canary\" (1 of 2) of revision " + currentHash());
    }

    @Test
    void aPausedRolloutDoesNotStartTheNextStageUntilResumed() {
        start();
        settle();
        annotate(RolloutGuard.PAUSED, "true");
        clock.advance(Duration.ofSeconds(61));

        settle();
        assertThat(updatedNodes()).containsExactly("c1");

        annotate(RolloutGuard.PAUSED, null);
        settle();
        assertThat(updatedNodes()).containsExactly("c1", "m1", "m2");
    }

    @Test
    void aNewTemplateStartsAgainAtTheFirstStage() {
        start();
        settle();
        clock.advance(Duration.ofSeconds(61));
        settle(); // revision 2 complete
        newImage("agent:3");

        settle();

        assertThat(updatedNodes()).containsExactly("c1");
        assertThat(condition().getMessage()).startsWith("stage \"canary\" (1 of 2)");
    }
}
