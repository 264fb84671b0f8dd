package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl top} on {@code up}'s simulated cluster with its defaults (each node's agent
 * calling as its node), read by kubectl through the cluster's kubeconfig. The nodes report every
 * 2 s instead of metrics-server's 15 s, so the first numbers come within the test's first seconds.
 */
class KubectlTopIT {
    static final Duration REPORTS = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void kubectlTopNodesAndPodsPrintEveryNodeAndEveryDaemonPodWithItsRequests() throws Exception {
        try (GuideCluster cluster = GuideCluster.up(new UpCommand().nodes(3).usageReportInterval(REPORTS), dir)) {
            Path ds = Files.writeString(dir.resolve("ds.yaml"), """
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata: {name: node-exporter, namespace: default}
                    spec:
                      selector: {matchLabels: {app: node-exporter}}
                      template:
                        metadata: {labels: {app: node-exporter}}
                        spec:
                          containers:
                          - name: exporter
                            image: prom/node-exporter:v1.8.2
                            resources: {requests: {cpu: 100m, memory: 32Mi}}
                    """);
            cluster.kubectl("apply", "-f", ds.toString());

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                List<String> lines = cluster.kubectl("top", "pods", "-A", "--no-headers")
                        .strip()
                        .lines()
                        .toList();
                assertThat(lines).hasSize(3);
                assertThat(lines)
                        .allSatisfy(l -> assertThat(columns(l).subList(2, 4)).containsExactly("100m", "32Mi"));
            });
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(() -> assertThat(cluster.kubectl("top", "nodes", "--no-headers")
                                    .strip()
                                    .lines()
                                    .map(l -> columns(l).get(0)))
                            .containsExactly("node-1", "node-2", "node-3"));
        }
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.strip().split("\\s+")).toList();
    }
}
