package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.testing.Kubelet;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance "should rollback without unnecessary restarts" (R4.3 step 7, R4.7, R4.8),
 * and {@code kubectl rollout restart}.
 */
class RollbackE2eIT extends E2eTestBase {
    private static final String GOOD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
    private static final String BROKEN = "foo:non-existent";

    @BeforeEach
    void world() {
        kubelet.breakImage(BROKEN);
        cluster.addNode("node-1");
        cluster.addNode("node-2");
        cluster.addNode("node-3");
    }

    @Test
    void rollingBackAStuckUpdateReplacesOnlyTheNewPodsAndRenumbersTheOldRevision() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 3);
        ControllerRevision first = cluster.revisions().get(0);

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + BROKEN);
        // maxUnavailable 1: one node gets the broken pod, which never becomes Ready; the rollout stalls there.
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            List<Pod> pods = cluster.livePods();
            return pods.size() == 3
                    && pods.stream()
                                    .filter(p -> Daemons.image(p).equals(BROKEN))
                                    .count()
                            == 1
                    && pods.stream().allMatch(p -> p.getSpec().getNodeName() != null);
        });
        Set<String> oldPods = cluster.livePods().stream()
                .filter(p -> Daemons.image(p).equals(GOOD))
                .map(p -> p.getMetadata().getName())
                .collect(Collectors.toSet());
        assertThat(oldPods).hasSize(2);
        assertThat(cluster.revisions())
                .extracting(ControllerRevision::getRevision)
                .containsExactly(1L, 2L);

        assertThat(kubectl.ok("rollout", "undo", "ds/daemon-set")).isEqualTo("daemonset.apps/daemon-set rolled back\n");

        awaitAvailable("daemon-set", 3);
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.pods().size() == 3 && cluster.counts("daemon-set").updated() == 3;
        });
        List<Pod> after = cluster.pods();
        assertThat(after).allSatisfy(p -> assertThat(Daemons.image(p)).isEqualTo(GOOD));
        assertThat(after.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()))
                .containsAll(oldPods);
        assertThat(after)
                .allSatisfy(p -> assertThat(Daemons.hash(p))
                        .isEqualTo(Daemons.hash(first.getMetadata().getName(), first)));

        // R4.3 step 7: no new revision; the first one is renumbered above the broken one.
        List<ControllerRevision> revisions = cluster.revisions();
        assertThat(revisions).extracting(ControllerRevision::getRevision).containsExactly(2L, 3L);
        assertThat(revisions.get(1).getMetadata().getName())
                .isEqualTo(first.getMetadata().getName());

        String history = kubectl.ok("rollout", "history", "ds/daemon-set");
        assertThat(history.lines().toList())
                .containsExactly(
                        "daemonset.apps/daemon-set ",
                        "REVISION  CHANGE-CAUSE",
                        "2         <none>",
                        "3         <none>",
                        "");
        assertThat(kubectl.ok("rollout", "history", "ds/daemon-set", "--revision=3"))
                .contains("daemonset.apps/daemon-set with revision #3", "Pod Template:", "Image:\t" + GOOD);
    }

    @Test
    void rollingBackToTheCurrentTemplateIsSkipped() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 3);
        kubectl.ok("set", "image", "ds/daemon-set", "app=registry.k8s.io/e2e-test-images/agnhost:2.52");
        await().atMost(WAIT).until(() -> cluster.revisions().size() == 2);

        Kubectl.Result result = kubectl.run("rollout", "undo", "ds/daemon-set", "--to-revision=2");

        assertThat(result.assertOk().out())
                .isEqualTo(
                        "daemonset.apps/daemon-set skipped rollback (current template already matches revision 2)\n");
    }

    @Test
    void rollingBackToTheCurrentTemplateIsSkippedEvenWhenItHoldsCharactersGoEscapes() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set")
                .shell("sleep 1 && echo '<ok>' > /tmp/x")
                .yaml());
        await().atMost(WAIT).until(() -> cluster.revisions().size() == 1);

        Kubectl.Result result = kubectl.run("rollout", "undo", "ds/daemon-set", "--to-revision=1");

        assertThat(result.assertOk().out())
                .isEqualTo(
                        "daemonset.apps/daemon-set skipped rollback (current template already matches revision 1)\n");
    }

    @Test
    void rolloutRestartMakesANewRevisionAndReplacesEveryPod() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 3);
        Set<String> before = Set.copyOf(Kubelet.names(cluster.pods()));

        kubectl.ok("annotate", "ds", "daemon-set", "kubernetes.io/change-cause=restart for the e2e test");
        assertThat(kubectl.ok("rollout", "restart", "ds/daemon-set"))
                .isEqualTo("daemonset.apps/daemon-set restarted\n");

        await().atMost(WAIT).until(() -> {
            kubelet.step();
            var c = cluster.counts("daemon-set");
            return c.observedGeneration() == 2
                    && c.updated() == 3
                    && c.available() == 3
                    && cluster.pods().size() == 3;
        });
        assertThat(cluster.revisions())
                .extracting(ControllerRevision::getRevision)
                .containsExactly(1L, 2L);
        assertThat(cluster.pods())
                .noneMatch(p -> before.contains(p.getMetadata().getName()))
                .allSatisfy(p ->
                        assertThat(p.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt"));
        assertThat(kubectl.ok("rollout", "history", "ds/daemon-set").lines().toList())
                .containsExactly(
                        "daemonset.apps/daemon-set ",
                        "REVISION  CHANGE-CAUSE",
                        "1         <none>",
                        "2         restart for the e2e test",
                        "");
    }
}
