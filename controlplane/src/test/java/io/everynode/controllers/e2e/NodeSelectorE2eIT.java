package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream conformance "should run and stop complex daemon": a node selector follows node labels. */
class NodeSelectorE2eIT extends E2eTestBase {
    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @Test
    void aDaemonWithANodeSelectorRunsNowhereUntilANodeIsLabelledAndLeavesWhenItIsRelabelled() throws Exception {
        kubectl.apply(
                Manifest.daemonSet("daemon-set").nodeSelector("color", "blue").yaml());
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").observedGeneration() == 1);
        assertThat(cluster.pods()).isEmpty();
        assertThat(kubectl.ok("get", "ds", "daemon-set"))
                .containsPattern("daemon-set\\s+0\\s+0\\s+0\\s+0\\s+0\\s+color=blue\\s+");

        assertThat(kubectl.ok("label", "node", "node-1", "color=blue")).isEqualTo("node/node-1 labeled\n");
        awaitAvailable("daemon-set", 1);
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1));

        kubectl.ok("label", "node", "node-1", "color=green", "--overwrite");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.pods().isEmpty();
        });
        assertThat(cluster.counts("daemon-set").desired()).isZero();

        // Upstream then points the selector at green with a RollingUpdate patch: the pod comes back.
        kubectl.ok(
                "patch",
                "ds",
                "daemon-set",
                "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"color\":\"green\"}}}}}");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            var c = cluster.counts("daemon-set");
            return c.observedGeneration() == 2 && c.available() == 1 && c.desired() == 1;
        });
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1));
    }

    @Test
    void removingTheLabelFromOneOfTwoLabelledNodesRemovesOnlyThatNodesPod() throws Exception {
        cluster.label("node-1", "color", "blue");
        cluster.label("node-2", "color", "blue");
        kubectl.apply(
                Manifest.daemonSet("daemon-set").nodeSelector("color", "blue").yaml());
        awaitAvailable("daemon-set", 2);

        assertThat(kubectl.ok("label", "node", "node-2", "color-")).isEqualTo("node/node-2 unlabeled\n");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return Daemons.countByNode(cluster.pods()).equals(Map.of("node-1", 1))
                    && cluster.pods().size() == 1;
        });
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").desired() == 1);
    }
}
