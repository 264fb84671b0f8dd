package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.testing.ControlPlaneExtension;
import io.everynode.testkit.Kubeconfig;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint --kubeconfig} sizes a DaemonSet's fleet from a real API server, read only: only the
 * nodes the DaemonSet would run on count (R1.6), so maxUnavailable 2 is every node of an
 * edge-only DaemonSet on a cluster of four nodes, two of them edge.
 */
class LintKubeconfigIT {
    @RegisterExtension
    static final ControlPlaneExtension CLUSTER =
            new ControlPlaneExtension(() -> ControlPlane.builder().controllers(null));

    private static final String EDGE_DS = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: edge-cache, namespace: default}
            spec:
              selector: {matchLabels: {app: edge-cache}}
              updateStrategy: {rollingUpdate: {maxUnavailable: 2}}
              template:
                metadata: {labels: {app: edge-cache}}
                spec:
                  nodeSelector: {role: edge}
                  priorityClassName: infra
                  containers:
                    - name: cache
                      image: cache:1.2
                      resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
            """;

    @Test
    void theFleetIsTheNodesTheDaemonSetWouldRunOn(@TempDir Path dir) throws Exception {
        ControlPlane cp = CLUSTER.get();
        for (String[] n : new String[][] {{"n1", "edge"}, {"n2", "edge"}, {"n3", "core"}, {"n4", "core"}}) {
            cp.client()
                    .create(new NodeBuilder()
                            .withNewMetadata()
                            .withName(n[0])
                            .addToLabels("role", n[1])
                            .endMetadata()
                            .build());
        }
        Path kubeconfig = Kubeconfig.write(dir.resolve("kubeconfig"), cp.url());
        Path ds = Files.writeString(dir.resolve("ds.yaml"), EDGE_DS);

        CommandRun onCluster = CommandRun.of("lint", "-f", ds.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(onCluster.exitCode()).as(onCluster.err()).isEqualTo(1);
        assertThat(onCluster.out())
                .contains("error EN005 budget-exceeds-fleet spec.updateStrategy.rollingUpdate.maxUnavailable:"
                        + " maxUnavailable 2 lets all 2 nodes lose their agent at once");
        // Counted as all four nodes of the cluster, the same budget is half the fleet: a warning.
        CommandRun counted = CommandRun.of("lint", "-f", ds.toString(), "--nodes", "4");
        assertThat(counted.exitCode()).isEqualTo(1);
        assertThat(counted.out()).contains("warning EN005").contains("lets 2 of 4 nodes");
    }

    @Test
    void anUnreachableClusterIsAnInputError(@TempDir Path dir) throws Exception {
        Path kubeconfig = Kubeconfig.write(dir.resolve("kubeconfig"), "http://127.0.0.1:1");
        Path ds = Files.writeString(dir.resolve("ds.yaml"), EDGE_DS);
        CommandRun r = CommandRun.of("lint", "-f", ds.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot list the nodes through " + kubeconfig);
    }
}
