package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance "should update pod when spec was updated and update strategy is
 * RollingUpdate" and "should surge pods onto nodes when spec was updated and update strategy is
 * RollingUpdate" (R5.4, R5.5), with the rollout watched by {@code kubectl rollout status} (R3.7).
 */
class RollingUpdateE2eIT extends E2eTestBase {
    private static final String OLD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
    private static final String NEW = "registry.k8s.io/e2e-test-images/agnhost:2.52";

    @Test
    void anImageChangeRollsEveryNodeWithNeverMoreThanMaxUnavailableNodesUnavailable() throws Exception {
        List<String> nodes = List.of("node-1", "node-2", "node-3", "node-4");
        nodes.forEach(cluster::addNode);
        kubectl.apply(Manifest.daemonSet("daemon-set").rollingUpdate("1", "0").yaml());
        awaitAvailable("daemon-set", 4);

        assertThat(kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW))
                .isEqualTo("daemonset.apps/daemon-set image updated\n");

        List<Integer> unavailableSamples = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            List<Pod> pods = cluster.pods();
            unavailableSamples.add(nodesWithoutAReadyPod(nodes, pods));
            assertThat(Daemons.byNode(pods).values())
                    .allSatisfy(ps -> assertThat(ps).hasSizeLessThanOrEqualTo(1));
            kubelet.step();
            return rolledOut(4, pods);
        });

        assertThat(unavailableSamples)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1))
                .contains(1);
        assertThat(cluster.pods())
                .hasSize(4)
                .allSatisfy(p -> assertThat(Daemons.image(p)).isEqualTo(NEW));
        assertThat(cluster.revisions()).extracting(r -> r.getRevision()).containsExactly(1L, 2L);
        String newHash = cluster.revisions().get(1).getMetadata().getLabels().get("controller-revision-hash");
        assertThat(cluster.pods()).allSatisfy(p -> assertThat(Daemons.hash(p)).isEqualTo(newHash));
    }

    @Test
    void aPercentageMaxUnavailableIsRoundedUpAndLetsThatManyNodesRollAtOnce() throws Exception {
        List<String> nodes = List.of("node-1", "node-2", "node-3");
        nodes.forEach(cluster::addNode);
        kubectl.apply(Manifest.daemonSet("daemon-set").rollingUpdate("50%", "0").yaml());
        awaitAvailable("daemon-set", 3);

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW);

        // ceil(50% of 3) = 2 (R5.2): the first pass deletes two old pods, not one and not three.
        await().atMost(WAIT)
                .until(() -> cluster.pods().stream()
                                .filter(p -> p.getMetadata().getDeletionTimestamp() != null)
                                .count()
                        >= 2);
        List<Integer> unavailableSamples = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            List<Pod> pods = cluster.pods();
            unavailableSamples.add(nodesWithoutAReadyPod(nodes, pods));
            kubelet.step();
            return rolledOut(3, pods);
        });
        assertThat(unavailableSamples)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2))
                .contains(2);
    }

    @Test
    void withMinReadySecondsAReadyPodIsNotAvailableAtOnceButTheRolloutFinishesWithoutOtherEvents() throws Exception {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
        kubectl.apply(Manifest.daemonSet("daemon-set").minReadySeconds(4).yaml());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").ready() == 2;
        });
        // R3.3: Ready for less than minReadySeconds is not Available; the controller requeues itself (R2.11).
        assertThat(cluster.counts("daemon-set").available()).isLessThan(2);
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").available() == 2);

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW);
        await().atMost(WAIT).until(() -> {
            List<Pod> pods = cluster.pods();
            kubelet.step();
            return rolledOut(2, pods);
        });
    }

    @Test
    void rolloutStatusWaitsForEveryNewPodAndThenReportsTheDaemonSetRolledOut() throws Exception {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 2);

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW);
        // The kubelet has not moved yet, so the old pods still stand (one terminating): 0 updated.
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").observedGeneration() == 2);
        Kubectl.Background status = kubectl.background("rollout", "status", "ds/daemon-set");
        // The kubelet waits until kubectl has seen the stalled state, or it would race kubectl's start-up.
        await().atMost(WAIT).until(() -> !status.outputSoFar().isEmpty());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return status.finished();
        });

        Kubectl.Result result = status.await().assertOk();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "Waiting for daemon set \"daemon-set\" rollout to finish: 0 out of 2 new pods have been updated...");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("daemon set \"daemon-set\" successfully rolled out");
        assertThat(lines.subList(0, lines.size() - 1))
                .allSatisfy(
                        l -> assertThat(l)
                                .matches(
                                        "Waiting for daemon set \"daemon-set\" rollout to finish: "
                                                + "(\\d out of 2 new pods have been updated|\\d of 2 updated pods are available)\\.\\.\\."));
        assertThat(cluster.pods()).allSatisfy(p -> assertThat(Daemons.image(p)).isEqualTo(NEW));
    }

    @Test
    void rolloutStatusOfAnOnDeleteDaemonSetIsRefused() throws Exception {
        cluster.addNode("node-1");
        kubectl.apply(Manifest.daemonSet("daemon-set").onDelete().yaml());

        Kubectl.Result result = kubectl.run("rollout", "status", "ds/daemon-set");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("rollout status is only available for RollingUpdate strategy type");
    }

    @Test
    void aSurgeRolloutKeepsAReadyPodOnEveryNodeThroughout() throws Exception {
        List<String> nodes = List.of("node-1", "node-2", "node-3");
        nodes.forEach(cluster::addNode);
        kubectl.apply(Manifest.daemonSet("daemon-set").rollingUpdate("0", "1").yaml());
        awaitAvailable("daemon-set", 3);

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW);

        List<Integer> unavailableSamples = new ArrayList<>();
        List<Integer> surgedSamples = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            List<Pod> pods = cluster.pods();
            unavailableSamples.add(nodesWithoutAReadyPod(nodes, pods));
            surgedSamples.add((int) Daemons.byNode(pods).values().stream()
                    .filter(ps -> ps.size() > 1)
                    .count());
            assertThat(Daemons.byNode(pods).values())
                    .allSatisfy(ps -> assertThat(ps).hasSizeLessThanOrEqualTo(2));
            Set<String> images = pods.stream().map(Daemons::image).collect(Collectors.toSet());
            assertThat(images).isSubsetOf(OLD, NEW);
            kubelet.step();
            return rolledOut(3, pods);
        });

        assertThat(unavailableSamples).containsOnly(0);
        assertThat(surgedSamples)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1))
                .contains(1);
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1, "node-2", 1, "node-3", 1));
    }

    private boolean rolledOut(int n, List<Pod> pods) {
        var c = cluster.counts("daemon-set");
        return c.observedGeneration() == 2
                && c.updated() == n
                && c.available() == n
                && pods.size() == n
                && pods.stream().allMatch(p -> Daemons.image(p).equals(NEW) && Daemons.readyAndLive(p));
    }

    private static int nodesWithoutAReadyPod(List<String> nodes, List<Pod> pods) {
        Set<String> covered = pods.stream()
                .filter(Daemons::readyAndLive)
                .map(p -> p.getSpec().getNodeName())
                .collect(Collectors.toSet());
        return (int) nodes.stream().filter(n -> !covered.contains(n)).count();
    }
}
