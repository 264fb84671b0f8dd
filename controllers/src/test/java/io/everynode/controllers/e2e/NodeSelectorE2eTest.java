package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream conformance "should run and stop complex daemon": a node selector follows node labels. */
class NodeSelectorE2eTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private E2eCluster cluster;
    private Kubelet kubelet;

    @BeforeEach
    void start() throws Exception {
        cluster = new E2eCluster(dir);
        kubelet = new Kubelet(cluster.client, E2eCluster.NS);
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aDaemonWithANodeSelectorRunsNowhereUntilANodeIsLabelledAndLeavesWhenItIsRelabelled() throws Exception {
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").nodeSelector("color", "blue").yaml());
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").observedGeneration() == 1);
        assertThat(cluster.pods()).isEmpty();
        assertThat(cluster.kubectl.ok("get", "ds", "daemon-set").out())
                .containsPattern("daemon-set\\s+0\\s+0\\s+0\\s+0\\s+0\\s+color=blue\\s+");

        assertThat(cluster.kubectl.ok("label", "node", "node-1", "color=blue").out()).isEqualTo("node/node-1 labeled\n");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == 1;
        });
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1));

        cluster.kubectl.ok("label", "node", "node-1", "color=green", "--overwrite");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.pods().isEmpty();
        });
        assertThat(cluster.counts("daemon-set").desired()).isZero();

        // Upstream then points the selector at green with a RollingUpdate patch: the pod comes back.
        cluster.kubectl.ok("patch", "ds", "daemon-set", "-p",
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
        cluster.kubectl.apply(Manifest.daemonSet("daemon-set").nodeSelector("color", "blue").yaml());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == 2;
        });

        assertThat(cluster.kubectl.ok("label", "node", "node-2", "color-").out()).isEqualTo("node/node-2 unlabeled\n");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return Daemons.countByNode(cluster.pods()).equals(Map.of("node-1", 1)) && cluster.pods().size() == 1;
        });
        await().atMost(WAIT).until(() -> cluster.counts("daemon-set").desired() == 1);
    }
}
