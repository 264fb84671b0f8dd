package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** E5.3–E5.5 through the controller's sync: stages, soaks on the injected clock, restarts, pause. */
class StagedRolloutSyncTest extends Harness {
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
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2"));
    }

    private void settle() {
        for (int i = 0; i < 30; i++) {
            sync();
            boolean wrote = !cluster.created.isEmpty() || !cluster.deleted.isEmpty();
            cluster.markAllReady();
            if (!wrote) {
                sync();
                if (cluster.created.isEmpty() && cluster.deleted.isEmpty()) return;
            }
        }
        throw new AssertionError("the rollout did not settle");
    }

    private Set<String> updatedNodes() {
        String hash = currentHash();
        Set<String> out = new TreeSet<>();
        cluster.pods.values().stream()
                .filter(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                .forEach(p -> out.add(PodFacts.targetNode(p)));
        return out;
    }

    private DaemonSetCondition condition() {
        return StagedRollout.stored(ds()).orElseThrow();
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
        DaemonSet paused = FakeCluster.copy(ds(), DaemonSet.class);
        paused.getMetadata().getAnnotations().put(RolloutGuard.PAUSED, "true");
        cluster.daemonSets.put("ds", paused);
        clock.advance(Duration.ofSeconds(61));

        settle();
        assertThat(updatedNodes()).containsExactly("c1");

        DaemonSet resumed = FakeCluster.copy(ds(), DaemonSet.class);
        resumed.getMetadata().getAnnotations().remove(RolloutGuard.PAUSED);
        cluster.daemonSets.put("ds", resumed);
        settle();
        assertThat(updatedNodes()).containsExactly("c1", "m1", "m2");
    }

    @Test
    void aNewTemplateStartsAgainAtTheFirstStage() {
        start();
        settle();
        clock.advance(Duration.ofSeconds(61));
        settle(); // revision 2 complete
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:3"));

        settle();

        assertThat(updatedNodes()).containsExactly("c1");
        assertThat(condition().getMessage()).startsWith("stage \"canary\" (1 of 2)");
    }
}
