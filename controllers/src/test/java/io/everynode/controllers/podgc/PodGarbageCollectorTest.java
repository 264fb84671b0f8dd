package io.everynode.controllers.podgc;

import static io.everynode.controllers.podgc.GcWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodGarbageCollectorTest {
    private final ManualClock clock = new ManualClock(T0);
    private final GcWorld world = new GcWorld();

    private PodGarbageCollector gc(int threshold) {
        return new PodGarbageCollector(
                new PodGcConfig(threshold, Duration.ofSeconds(40), Duration.ofSeconds(20)), world, world, clock);
    }

    @Test
    void terminatedPodsOverTheThresholdGoEvictedFirstThenOldest() {
        world.node("n1", true, true);
        world.put(pod("new-done", "n1", "Succeeded", T0.plusSeconds(30)));
        world.put(pod("old-failed", "n1", "Failed", T0.plusSeconds(10)));
        world.put(evicted(pod("evicted-new", "n1", "Running", T0.plusSeconds(50))));
        world.put(pod("running-old", "n1", "Running", T0));
        world.put(pod("mid-done", "n1", "Succeeded", T0.plusSeconds(20)));
        gc(2).gc();
        assertThat(world.log).containsExactly("force-delete evicted-new", "force-delete old-failed");
        assertThat(world.pods).containsOnlyKeys("new-done", "running-old", "mid-done");
    }

    @Test
    void atOrUnderTheThresholdNothingIsDeleted() {
        world.node("n1", true, true);
        world.put(pod("a", "n1", "Succeeded", T0));
        world.put(pod("b", "n1", "Failed", T0));
        gc(2).gc();
        assertThat(world.log).isEmpty();
    }

    @Test
    void aZeroThresholdDisablesTerminatedPodGc() {
        world.node("n1", true, true);
        world.put(pod("a", "n1", "Succeeded", T0));
        gc(0).gc();
        assertThat(world.log).isEmpty();
    }

    @Test
    void podsOfAVanishedNodeAreFailedAndForceDeletedAfterQuarantineAndAnUncachedGet() {
        world.put(pod("web", "gone", "Running", T0));
        world.put(pod("done", "gone", "Succeeded", T0));
        PodGarbageCollector gc = gc(12_500);
        assertThat(gc.gc()).isEqualTo(T0.plusSeconds(20));
        clock.advance(Duration.ofSeconds(39));
        assertThat(gc.gc()).isEqualTo(T0.plusSeconds(40));
        assertThat(world.log).isEmpty();
        assertThat(world.nodeGets).isZero();
        clock.advance(Duration.ofSeconds(1));
        gc.gc();
        assertThat(world.nodeGets).isEqualTo(1);
        assertThat(world.log)
                .containsExactly(
                        "failed web DisruptionTarget=True DeletionByPodGC: PodGC: node no longer exists",
                        "force-delete web",
                        "force-delete done");
    }

    @Test
    void aNodeTheCacheHasNotSeenYetButTheApiHasKeepsItsPods() {
        world.node("new", false, true);
        world.put(pod("web", "new", "Running", T0));
        PodGarbageCollector gc = gc(12_500);
        gc.gc();
        clock.advance(Duration.ofSeconds(40));
        gc.gc();
        assertThat(world.nodeGets).isEqualTo(1);
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        gc.gc();
        assertThat(world.nodeGets).as("quarantine starts over").isEqualTo(1);
    }

    @Test
    void aNodeThatReturnsToTheCacheLeavesQuarantine() {
        world.put(pod("web", "flaky", "Running", T0));
        PodGarbageCollector gc = gc(12_500);
        gc.gc();
        world.node("flaky", true, true);
        clock.advance(Duration.ofSeconds(30));
        gc.gc();
        world.cachedNodes.clear();
        clock.advance(Duration.ofSeconds(30));
        gc.gc();
        assertThat(world.nodeGets).isZero();
        assertThat(world.log).isEmpty();
    }

    @Test
    void terminatingPodsThatWereNeverScheduledAreForceDeleted() {
        world.put(terminating(pod("pending", null, "Pending", T0)));
        world.put(pod("waiting", null, "Pending", T0));
        gc(12_500).gc();
        assertThat(world.log).containsExactly("failed pending", "force-delete pending");
    }

    @Test
    void terminatingPodsOnANotReadyOutOfServiceNodeAreForceDeleted() {
        world.cachedNodes.put(
                "oos",
                new NodeBuilder()
                        .withNewMetadata()
                        .withName("oos")
                        .endMetadata()
                        .withNewSpec()
                        .addNewTaint()
                        .withKey("node.kubernetes.io/out-of-service")
                        .withValue("nodeshutdown")
                        .withEffect("NoExecute")
                        .endTaint()
                        .endSpec()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("Unknown")
                        .endCondition()
                        .endStatus()
                        .build());
        world.apiNodes.add("oos");
        world.put(terminating(pod("stuck", "oos", "Running", T0)));
        world.put(pod("alive", "oos", "Running", T0));
        gc(12_500).gc();
        assertThat(world.log).containsExactly("failed stuck", "force-delete stuck");
    }

    @Test
    void aPodIsRemovedOnceEvenWhenSeveralPassesWantIt() {
        world.put(terminating(pod("both", null, "Failed", T0)));
        world.put(pod("other", null, "Failed", Instant.parse("2025-01-02T00:00:00Z")));
        gc(1).gc();
        assertThat(world.log).containsExactly("force-delete both");
    }
}
