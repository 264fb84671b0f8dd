package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.controllers.testing.Kubelet;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream conformance "should not update pod when spec was updated and update strategy is OnDelete" (R5.7, R4.5). */
class OnDeleteE2eIT extends E2eTestBase {
    private static final String OLD = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
    private static final String NEW = "registry.k8s.io/e2e-test-images/agnhost:2.52";

    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @Test
    void aTemplateChangeMakesRevisionTwoButPodsKeepTheOldHashUntilTheyAreDeleted() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").onDelete().yaml());
        awaitAvailable("daemon-set", 2);
        assertThat(cluster.revisions()).extracting(r -> r.getRevision()).containsExactly(1L);
        String firstHash = cluster.revisions().get(0).getMetadata().getLabels().get("controller-revision-hash");
        List<String> before = Kubelet.names(cluster.pods());

        kubectl.ok("set", "image", "ds/daemon-set", "app=" + NEW);

        await().atMost(WAIT)
                .until(() -> cluster.revisions().size() == 2
                        && cluster.counts("daemon-set").observedGeneration() == 2);
        kubelet.step();
        var revisions = cluster.revisions();
        assertThat(revisions).extracting(r -> r.getRevision()).containsExactly(1L, 2L);
        String secondHash = revisions.get(1).getMetadata().getLabels().get("controller-revision-hash");
        assertThat(secondHash).isNotEqualTo(firstHash);
        assertThat(cluster.counts("daemon-set")).isEqualTo(new InProcessCluster.Counts(2, 2, 2, 0, 2, 0, 2));
        assertThat(Kubelet.names(cluster.pods())).isEqualTo(before);
        assertThat(cluster.pods()).allSatisfy(p -> {
            assertThat(Daemons.hash(p)).isEqualTo(firstHash);
            assertThat(Daemons.image(p)).isEqualTo(OLD);
        });
        assertThat(kubectl.ok("get", "ds", "daemon-set")).containsPattern("daemon-set\\s+2\\s+2\\s+2\\s+0\\s+2\\s+");

        Pod deleted = Daemons.byNode(cluster.pods()).get("node-1").get(0);
        Kubectl.Background delete =
                kubectl.background("delete", "pod", deleted.getMetadata().getName());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return delete.finished()
                    && cluster.counts("daemon-set").updated() == 1
                    && cluster.counts("daemon-set").available() == 2;
        });
        delete.await().assertOk();

        Pod replacement = Daemons.byNode(cluster.pods()).get("node-1").get(0);
        Pod untouched = Daemons.byNode(cluster.pods()).get("node-2").get(0);
        assertThat(Daemons.hash(replacement)).isEqualTo(secondHash);
        assertThat(Daemons.image(replacement)).isEqualTo(NEW);
        assertThat(Daemons.hash(untouched)).isEqualTo(firstHash);
        assertThat(Daemons.image(untouched)).isEqualTo(OLD);
        assertThat(before).contains(untouched.getMetadata().getName());
    }
}
