package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

/**
 * A daemon pod for a node too small for its requests is still created (R1.8) and stays Pending;
 * the scheduler says why on the pod (R2.7: FailedPlacement is no longer emitted).
 */
class FailedSchedulingE2eIT extends E2eTestBase {
    @Test
    void describePodOfADaemonPodThatDoesNotFitNamesInsufficientMemoryInItsEvents() throws Exception {
        cluster.addNode("big", "4", "8Gi");
        cluster.addNode("small", "4", "100Mi");
        kubectl.apply(Manifest.daemonSet("daemon-set").requests("100m", "200Mi").yaml());

        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == 1
                    && cluster.pods().size() == 2;
        });
        Pod pending = cluster.pods().stream()
                .filter(p -> p.getSpec().getNodeName() == null)
                .findFirst()
                .orElseThrow();
        String name = pending.getMetadata().getName();
        await().atMost(WAIT)
                .until(() -> !cluster.events(name, "FailedScheduling").isEmpty());

        String described = kubectl.ok("describe", "pod", name);
        assertThat(described).containsPattern("Status:\\s+Pending");
        assertThat(described).containsPattern("Controlled By:\\s+DaemonSet/daemon-set");
        assertThat(described).containsPattern("PodScheduled\\s+False");
        assertThat(described)
                .containsPattern("Warning\\s+FailedScheduling\\s+.*default-scheduler\\s+0/2 nodes are available: "
                        + "1 Insufficient memory, 1 node\\(s\\) didn't match Pod's node affinity/selector\\.");
        assertThat(kubectl.ok("get", "ds", "daemon-set")).containsPattern("daemon-set\\s+2\\s+2\\s+1\\s+2\\s+1\\s+");
    }
}
