package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Taints added and removed under a running daemon (R1.6, R1.7, R3.1 misscheduled). */
class TaintsE2eIT extends E2eTestBase {
    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @Test
    void anUntoleratedNoScheduleTaintKeepsTheRunningPodButCountsItMisscheduled() throws Exception {
        runDaemonOnBothNodes();
        Pod onNode1 = Daemons.byNode(cluster.pods()).get("node-1").get(0);

        assertThat(kubectl.ok("taint", "node", "node-1", "dedicated=infra:NoSchedule"))
                .isEqualTo("node/node-1 tainted\n");

        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").misscheduled() == 1);
        String yaml = kubectl.ok("get", "ds", "daemon-set", "-o", "yaml");
        assertThat(yaml).contains("numberMisscheduled: 1", "desiredNumberScheduled: 1", "currentNumberScheduled: 1");
        kubelet.step();
        assertThat(cluster.pods())
                .extracting(p -> p.getMetadata().getName())
                .contains(onNode1.getMetadata().getName());
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1, "node-2", 1));

        kubectl.ok("taint", "node", "node-1", "dedicated-");
        await().atMost(WAIT)
                .until(() -> cluster.counts("daemon-set").misscheduled() == 0
                        && cluster.counts("daemon-set").desired() == 2);
        assertThat(Daemons.byNode(cluster.pods())
                        .get("node-1")
                        .get(0)
                        .getMetadata()
                        .getName())
                .isEqualTo(onNode1.getMetadata().getName());
    }

    @Test
    void anUntoleratedNoExecuteTaintRemovesThePodAndRemovingTheTaintBringsItBack() throws Exception {
        runDaemonOnBothNodes();
        Pod onNode1 = Daemons.byNode(cluster.pods()).get("node-1").get(0);

        kubectl.ok("taint", "node", "node-1", "dedicated=infra:NoExecute");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return Daemons.countByNode(cluster.pods()).equals(Map.of("node-2", 1))
                    && cluster.pods().size() == 1
                    && cluster.counts("daemon-set").desired() == 1;
        });
        assertThat(kubectl.ok("get", "ds", "daemon-set")).containsPattern("daemon-set\\s+1\\s+1\\s+1\\s+1\\s+1\\s+");

        assertThat(kubectl.ok("taint", "node", "node-1", "dedicated=infra:NoExecute-"))
                .isEqualTo("node/node-1 untainted\n");
        awaitAvailable("daemon-set", 2);
        Pod back = Daemons.byNode(cluster.pods()).get("node-1").get(0);
        assertThat(back.getMetadata().getName())
                .isNotEqualTo(onNode1.getMetadata().getName());
    }

    private void runDaemonOnBothNodes() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 2);
    }
}
