package io.everynode.e2e;

import io.everynode.testkit.RequiresGuide;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide, "Node affinity and node selectors": the simple {@code node-role: worker} selector and
 * the amd64-and-not-spot affinity, each merged into a complete DaemonSet. Each test has a
 * namespace of its own; the selector test is the only one that changes {@code node-role} labels,
 * the affinity test the only one that reads {@code kubernetes.io/arch} and {@code node-type}.
 */
@RequiresGuide
class NodeSelectorsAndAffinityGuideIT {
    static GuideCluster cluster;
    static GuideSnippets guide;

    /**
     * node-1: control plane (kubeadm's label and taint); node-2, node-3: node-role=worker;
     * node-4: no role. For the affinity: node-5 spot, node-6 arm64 (relabelled, as an arm64
     * machine reports itself), every other node amd64 as this machine reports it.
     */
    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(6, dir);
        cluster.controlPlane("node-1");
        cluster.kubectl("label", "node", "node-2", "node-3", "node-role=worker");
        cluster.kubectl("label", "node", "--all", "--overwrite", "kubernetes.io/arch=amd64");
        cluster.kubectl("label", "node", "node-5", "node-type=spot");
        cluster.kubectl("label", "node", "node-4", "node-type=on-demand");
        cluster.kubectl("label", "node", "node-6", "--overwrite", "kubernetes.io/arch=arm64");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void theWorkerSelectorSkipsUnlabelledAndControlPlaneNodesAndFollowsLabelsAsTheyChange() {
        cluster.namespace("selector");
        cluster.apply(Manifests.with(Manifests.daemonSet("selector", "agent"), guide.onlyYaml("Simple node selector")));
        cluster.awaitOneReadyPodOn("selector", "agent", List.of("node-2", "node-3"));

        cluster.kubectl("label", "node", "node-4", "node-role=worker");
        cluster.awaitOneReadyPodOn("selector", "agent", List.of("node-2", "node-3", "node-4"));

        cluster.kubectl("label", "node", "node-2", "node-role-");
        cluster.awaitOneReadyPodOn("selector", "agent", List.of("node-3", "node-4"));

        // The control plane is skipped for its missing label, not only for its taint: labelled, it still repels the
        // pod.
        cluster.kubectl("label", "node", "node-1", "node-role=worker");
        cluster.kubectl("label", "node", "node-5", "node-role=worker");
        cluster.awaitOneReadyPodOn("selector", "agent", List.of("node-3", "node-4", "node-5"));
    }

    @Test
    void theAffinityRunsOnlyOnAmd64NodesThatAreNotSpot() {
        cluster.namespace("affinity");
        cluster.apply(Manifests.with(
                Manifests.daemonSet("affinity", "agent"), guide.onlyYaml("Node affinity for complex rules")));

        // node-1 is amd64 and not spot, but a control-plane node: its taint keeps the pod off.
        cluster.awaitOneReadyPodOn("affinity", "agent", List.of("node-2", "node-3", "node-4"));

        cluster.kubectl("label", "node", "node-3", "--overwrite", "node-type=spot");
        cluster.awaitOneReadyPodOn("affinity", "agent", List.of("node-2", "node-4"));
    }
}
