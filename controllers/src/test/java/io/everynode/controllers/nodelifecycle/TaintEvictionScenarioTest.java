package io.everynode.controllers.nodelifecycle;

import static io.everynode.controllers.nodelifecycle.Nodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.scheduling.DefaultTolerationSeconds;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaintEvictionScenarioTest {
    private static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private final ManualClock clock = new ManualClock(T0);
    private final LifecycleWorld world = new LifecycleWorld();
    private final NodeLifecycleController controller =
            new NodeLifecycleController(NodeLifecycleConfig.defaults(), world, world, clock);

    @Test
    void aPodNotToleratingANoExecuteTaintIsEvictedAtOnce() {
        world.put(withTaints(healthy("n1", T0), taint("dedicated", "NoExecute", T0)));
        world.put(pod("web", "n1"));
        assertThat(controller.evictPods("n1")).isEmpty();
        assertThat(world.log)
                .containsExactly(
                        "condition web DisruptionTarget=True DeletionByTaintManager: Taint manager: deleting due to NoExecute taint",
                        "delete web",
                        "event web Normal TaintManagerEviction: Marking for deletion Pod default/web");
    }

    @Test
    void tolerationSecondsCountFromWhenTheControllerFirstSawTheTaint() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 300L));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(299));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(300));
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(controller.evictPods("n1")).isEmpty();
        assertThat(world.log).contains("delete web");
    }

    @Test
    void aTolerationWithoutSecondsToleratesForever() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        world.put(tolerating(pod("daemon", "n1"), UNREACHABLE, "NoExecute", null));
        clock.advance(Duration.ofDays(3));
        assertThat(controller.evictPods("n1")).isEmpty();
        assertThat(world.log).isEmpty();
    }

    @Test
    void theEarliestDeadlineAcrossTaintsWins() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        world.put(tolerating(
                tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 300L), "maintenance", "NoExecute", 60L));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(100));
        world.put(withTaints(world.nodes.get("n1"), taint("maintenance", "NoExecute", T0.plusSeconds(100))));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(160));
    }

    @Test
    void aTaintStampedAnHourBackByAnotherClockStillGivesThePodItsFullToleration() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0.minus(Duration.ofHours(1)))));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 300L));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(300));
        assertThat(world.log).isEmpty();
    }

    @Test
    void aTaintStampedAnHourAheadByAnotherClockDoesNotDelayTheEviction() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0.plus(Duration.ofHours(1)))));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 30L));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        controller.evictPods("n1");
        assertThat(world.log).contains("delete web");
    }

    @Test
    void aTaintRemovedAndAddedAgainCountsAfresh() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 30L));
        controller.evictPods("n1");
        clock.advance(Duration.ofSeconds(20));
        world.put(healthy("n1", T0));
        assertThat(controller.evictPods("n1")).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(70));
        assertThat(world.log).isEmpty();
    }

    @Test
    void aTaintTheControllerAddedCountsFromItsWriteThoughTheEvictionPassComesLater() {
        world.put(healthy("n1", T0));
        world.put(DefaultTolerationSeconds.addDefaultTolerations(pod("web", "n1")));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(40));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(3));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(340));
    }

    @Test
    void aNegativeTolerationSecondsMeansNow() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", T0)));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", -5L));
        controller.evictPods("n1");
        assertThat(world.log).contains("delete web");
    }

    @Test
    void terminatingPodsAreNotEvictedAgain() {
        world.put(withTaints(healthy("n1", T0), taint("dedicated", "NoExecute", T0)));
        world.put(new PodBuilder(pod("web", "n1"))
                .editMetadata()
                .withDeletionTimestamp(T0.toString())
                .endMetadata()
                .build());
        controller.evictPods("n1");
        assertThat(world.log).isEmpty();
    }

    @Test
    void aTaintWithoutTimeAddedCountsFromWhenItWasFirstSeen() {
        world.put(withTaints(healthy("n1", T0), taint(UNREACHABLE, "NoExecute", null)));
        world.put(tolerating(pod("web", "n1"), UNREACHABLE, "NoExecute", 30L));
        clock.advance(Duration.ofSeconds(10));
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(40));
        clock.advance(Duration.ofSeconds(30));
        controller.evictPods("n1");
        assertThat(world.log).contains("delete web");
    }

    @Test
    void aLostNodesPodsWithDefaultTolerationsLeaveAfterFiveMinutesWhileDaemonsStay() {
        world.put(healthy("n1", T0));
        world.put(DefaultTolerationSeconds.addDefaultTolerations(pod("web", "n1")));
        world.put(tolerating(pod("daemon", "n1"), UNREACHABLE, "NoExecute", null));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(40));
        controller.monitorNodeHealth();
        assertThat(controller.evictPods("n1")).contains(T0.plusSeconds(340));
        clock.advance(Duration.ofSeconds(300));
        controller.evictPods("n1");
        assertThat(world.pods).containsOnlyKeys("daemon");
    }
}
