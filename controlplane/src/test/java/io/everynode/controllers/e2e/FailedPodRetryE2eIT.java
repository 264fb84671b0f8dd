package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream conformance "should retry creating failed daemon pods" (R2.7). */
class FailedPodRetryE2eIT extends E2eTestBase {
    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @Test
    void aDaemonPodThatFailsIsDeletedAndReplacedOnItsNode() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 2);
        Pod failing = Daemons.byNode(cluster.pods()).get("node-1").get(0);

        kubelet.markFailed(failing);

        await().atMost(WAIT)
                .until(() -> !cluster.events("daemon-set", "FailedDaemonPod").isEmpty());
        assertThat(cluster.events("daemon-set", "FailedDaemonPod").get(0).getMessage())
                .isEqualTo("Found failed daemon pod default/"
                        + failing.getMetadata().getName() + " on node node-1, will try to kill it");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == 2
                    && cluster.pods().stream()
                            .noneMatch(p -> p.getMetadata()
                                    .getName()
                                    .equals(failing.getMetadata().getName()));
        });
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1, "node-2", 1));
        assertThat(kubectl.ok("describe", "ds", "daemon-set"))
                .containsPattern(
                        "Warning\\s+FailedDaemonPod\\s+.*daemonset-controller\\s+Found failed daemon pod default/"
                                + failing.getMetadata().getName() + " on node node-1, will try to kill it");
    }
}
