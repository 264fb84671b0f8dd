package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status counters (R3.1, R3.3, R3.4) and storing them (R3.2). */
class StatusTest extends Harness {
    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

    private static Pod pod(DaemonSet ds, String name, String node, String hash, boolean ready, Instant readySince) {
        Pod p = Fixtures.podFor(ds, name, node, hash);
        if (ready) {
            var c = new io.fabric8.kubernetes.api.model.PodCondition();
            c.setType("Ready");
            c.setStatus("True");
            c.setLastTransitionTime(readySince.toString());
            p.getStatus().setConditions(List.of(c));
            p.getStatus().setPhase("Running");
        }
        return p;
    }

    @Test
    void countersFollowTheFirstPodOfEachDesiredNode() {
        DaemonSet ds = daemonSet("ds");
        ds.getSpec().setMinReadySeconds(30);
        String hash = "cur";
        List<Node> nodes = List.of(
                node("ready-old"),
                node("ready-new"),
                node("unready"),
                node("empty"),
                Fixtures.tainted(node("tainted"), "k", "v", "NoSchedule"));
        Map<String, List<Pod>> byNode = DaemonPods.byNode(
                List.of(
                        pod(ds, "a", "ready-old", hash, true, NOW.minusSeconds(60)), // available
                        pod(ds, "b", "ready-new", hash, true, NOW.minusSeconds(10)), // ready, not yet available
                        pod(ds, "c", "unready", "old", false, null),
                        pod(ds, "d", "tainted", hash, true, NOW.minusSeconds(60)), // misscheduled
                        pod(ds, "e", "vanished", hash, true, NOW.minusSeconds(60))),
                false); // counted nowhere
        ds.getMetadata().getAnnotations().remove(PodFacts.TEMPLATE_GENERATION_ANNOTATION);
        StatusCounts s = StatusCounts.compute(ds, nodes, byNode, hash, NOW);
        assertThat(s).isEqualTo(new StatusCounts(4, 3, 1, 2, 2, 1, 3));
    }

    @Test
    void aDeletedTerminalPodIsNotCountedButAFailedOneStillIs() { // R2.3, R3.1 notes
        DaemonSet ds = daemonSet("ds");
        Pod gone = pod(ds, "gone", "a", "h", false, null);
        gone.getStatus().setPhase("Failed");
        gone.getMetadata().setDeletionTimestamp(NOW.toString());
        Pod failed = pod(ds, "failed", "b", "h", false, null);
        failed.getStatus().setPhase("Failed");
        StatusCounts s = StatusCounts.compute(
                ds, List.of(node("a"), node("b")), DaemonPods.byNode(List.of(gone, failed), false), "h", NOW);
        assertThat(s.current()).isEqualTo(1);
    }

    @ParameterizedTest(name = "ready since {0}s, minReadySeconds {1}: available={2}")
    @MethodSource("availability")
    void availabilityNeedsReadyForStrictlyLongerThanMinReadySeconds(
            long secondsAgo, int minReady, boolean want) { // R3.3
        Pod p = pod(daemonSet("ds"), "p", "a", "h", true, NOW.minusSeconds(secondsAgo));
        assertThat(PodFacts.available(p, minReady, NOW)).isEqualTo(want);
    }

    static Stream<Arguments> availability() {
        return Stream.of(
                Arguments.of(0L, 0, true),
                Arguments.of(10L, 10, false),
                Arguments.of(11L, 10, true),
                Arguments.of(5L, 10, false));
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() { // R3.2
        cluster.add(node("a")).add(daemonSet("ds"));
        sync();
        sync();
        assertThat(cluster.statusWrites).isEmpty();
    }

    @Test
    void aNewGenerationIsObservedEvenWithUnchangedCounters() { // R3.2
        cluster.add(node("a")).add(daemonSet("ds"));
        sync();
        cluster.editSpec("ds", d -> d.getSpec().setRevisionHistoryLimit(5));
        sync();
        assertThat(cluster.statusWrites).hasSize(1);
        assertThat(ds().getStatus().getObservedGeneration()).isEqualTo(2L);
    }

    static Stream<Arguments> storeTable() { // TestStoreDaemonSetStatus
        return Stream.of(
                Arguments.of("1 update failure: retried after a GET", 1, false, 2, 1, false, null),
                Arguments.of(
                        "2 update failures: the update error", 2, false, 2, 1, true, "the object has been modified"),
                Arguments.of("update and GET fail: the GET error", 1, true, 1, 1, true, "get failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeTable")
    void statusWritesAreRetriedOnceAfterAFreshGet(
            String name, int updateFailures, boolean getFails, int updates, int gets, boolean failed, String message) {
        cluster.add(node("a")).add(daemonSet("ds"));
        cluster.statusFailures = updateFailures;
        cluster.daemonSetGetFails = getFails;
        SyncResult r = sync();
        assertThat(cluster.statusWrites).hasSize(updates);
        assertThat(cluster.daemonSetGets).isEqualTo(gets);
        assertThat(r.failed()).isEqualTo(failed);
        if (message != null) {
            assertThat(r.error().orElseThrow()).hasMessage(message);
        }
    }

    @Test
    void aSyncErrorWinsOverAStatusError() { // R2.1 step 7
        cluster.add(node("a")).add(daemonSet("ds"));
        cluster.createQuota = 0;
        cluster.statusFailures = 2;
        SyncResult r = sync();
        assertThat(r.error().orElseThrow()).hasMessageContaining("exceeded quota");
    }

    @Test
    void statusCountsPodsAsTheyStandAfterTheSync() {
        cluster.add(Fixtures.nodes(3)).add(daemonSet("ds"));
        sync();
        cluster.markAllReady();
        clock.advance(Duration.ofSeconds(1));
        sync();
        var s = ds().getStatus();
        assertThat(List.of(
                        s.getDesiredNumberScheduled(),
                        s.getCurrentNumberScheduled(),
                        s.getNumberReady(),
                        s.getUpdatedNumberScheduled(),
                        s.getNumberAvailable(),
                        s.getNumberUnavailable(),
                        s.getNumberMisscheduled()))
                .containsExactly(3, 3, 3, 3, 3, 0, 0);
    }
}
