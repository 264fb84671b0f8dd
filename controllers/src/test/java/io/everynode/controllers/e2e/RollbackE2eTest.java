package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream conformance "should rollback without unnecessary restarts" (R4.3 step 7, R4.7, R4.8),
 * and {@code kubectl rollout restart}.
 */
class RollbackE2eTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GOOD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
    private static final String BROKEN = "foo:non-existent";

    @TempDir
    Path dir;
    private E2eCluster cluster;
    private Kubelet kubelet;

    @BeforeEach
    void start() throws Exception {
        cluster = new E2eCluster(dir);
        kubelet = new Kubelet(cluster.client, E2eCluster.NS);
        kubelet.breakImage(BROKEN);
        cluster.addNode("node-1");
        cluster.addNode("node-2");
        cluster.addNode("node-3");
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void rollingBackAStuckUpdateReplacesOnlyTheNewPodsAndRenumbersTheOldRevision() throws Exception {
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable(3);
        ControllerRevision first = cluster.revisions().get(0);

        cluster.kubectl.ok("set", "image", "ds/daemon-set", "app=" + BROKEN);
        // maxUnavailable 1: one node gets the broken pod, which never becomes Ready; the rollout stalls there.
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            List<Pod> pods = cluster.livePods();
            return pods.size() == 3 && pods.stream().filter(p -> Daemons.image(p).equals(BROKEN)).count() == 1
                    && pods.stream().allMatch(p -> p.getSpec().getNodeName() != null);
        });
        Set<String> oldPods = cluster.livePods().stream().filter(p -> Daemons.image(p).equals(GOOD))
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(oldPods).hasSize(2);
        assertThat(cluster.revisions()).extracting(ControllerRevision::getRevision).containsExactly(1L, 2L);

        assertThat(cluster.kubectl.ok("rollout", "undo", "ds/daemon-set").out()).isEqualTo("daemonset.apps/daemon-set rolled back\n");

        awaitAvailable(3);
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.pods().size() == 3 && cluster.counts("daemon-set").updated() == 3;
        });
        List<Pod> after = cluster.pods();
        assertThat(after).allSatisfy(p -> assertThat(Daemons.image(p)).isEqualTo(GOOD));
        assertThat(after.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet())).containsAll(oldPods);
        assertThat(after).allSatisfy(p -> assertThat(Daemons.hash(p)).isEqualTo(Daemons.hash(first.getMetadata().getName(), first)));

        // R4.3 step 7: no new revision; the first one is renumbered above the broken one.
        List<ControllerRevision> revisions = cluster.revisions();
        assertThat(revisions).extracting(ControllerRevision::getRevision).containsExactly(2L, 3L);
        assertThat(revisions.get(1).getMetadata().getName()).isEqualTo(first.getMetadata().getName());

        String history = cluster.kubectl.ok("rollout", "history", "ds/daemon-set").out();
        assertThat(history.lines().toList()).containsExactly("daemonset.apps/daemon-set ", "REVISION  CHANGE-CAUSE", "2         <none>",
                "3         <none>", "");
        assertThat(cluster.kubectl.ok("rollout", "history", "ds/daemon-set", "--revision=3").out())
                .contains("daemonset.apps/daemon-set with revision #3", "Pod Template:", "Image:\t" + GOOD);
    }

    @Test
    void rollingBackToTheCurrentTemplateIsSkipped() throws Exception {
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable(3);
        cluster.kubectl.ok("set", "image", "ds/daemon-set", "app=registry.k8s.io/e2e-test-images/agnhost:2.52");
        await().atMost(WAIT).until(() -> cluster.revisions().size() == 2);

        Kubectl.Result result = cluster.kubectl.run(null, "rollout", "undo", "ds/daemon-set", "--to-revision=2");

        assertThat(result.assertOk().out()).isEqualTo("daemonset.apps/daemon-set skipped rollback (current template already matches revision 2)\n");
    }

    @Test
    void rollingBackToTheCurrentTemplateIsSkippedEvenWhenItHoldsCharactersGoEscapes() throws Exception {
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").shell("sleep 1 && echo '<ok>' > /tmp/x").yaml());
        await().atMost(WAIT).until(() -> cluster.revisions().size() == 1);

        Kubectl.Result result = cluster.kubectl.run(null, "rollout", "undo", "ds/daemon-set", "--to-revision=1");

        assertThat(result.assertOk().out()).isEqualTo("daemonset.apps/daemon-set skipped rollback (current template already matches revision 1)\n");
    }

    @Test
    void rolloutRestartMakesANewRevisionAndReplacesEveryPod() throws Exception {
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable(3);
        Set<String> before = Set.copyOf(Kubelet.names(cluster.pods()));

        cluster.kubectl.ok("annotate", "ds", "daemon-set", "kubernetes.io/change-cause=restart for the e2e test");
        assertThat(cluster.kubectl.ok("rollout", "restart", "ds/daemon-set").out()).isEqualTo("daemonset.apps/daemon-set restarted\n");

        await().atMost(WAIT).until(() -> {
            kubelet.step();
            var c = cluster.counts("daemon-set");
            return c.observedGeneration() == 2 && c.updated() == 3 && c.available() == 3 && cluster.pods().size() == 3;
        });
        assertThat(cluster.revisions()).extracting(ControllerRevision::getRevision).containsExactly(1L, 2L);
        assertThat(cluster.pods()).noneMatch(p -> before.contains(p.getMetadata().getName()))
                .allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt"));
        assertThat(cluster.kubectl.ok("rollout", "history", "ds/daemon-set").out().lines().toList()).containsExactly(
                "daemonset.apps/daemon-set ", "REVISION  CHANGE-CAUSE", "1         <none>", "2         restart for the e2e test", "");
    }

    private void awaitAvailable(int n) {
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == n;
        });
    }
}
