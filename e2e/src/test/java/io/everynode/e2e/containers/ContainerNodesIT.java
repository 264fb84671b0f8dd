package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.images.OciImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code everynode up --runtime container}: a DaemonSet whose image lives in a registry on
 * loopback runs as real containers on every node, each pod in its own namespaces with an address
 * from its node's CNI range, and its logs reach kubectl through the agents' TLS endpoints.
 */
class ContainerNodesIT {
    @TempDir
    Path dir;

    @Test
    void aDaemonSetFromALoopbackRegistryRunsAContainerOnEveryNodeWithItsOwnHostnameAndPodAddress() throws Exception {
        ContainerCluster.assumeAvailable();
        try (ContainerCluster cluster = ContainerCluster.upWithImage(
                2,
                dir,
                "demo/agent",
                "1",
                OciImage.busybox(
                        "sh",
                        "-c",
                        "echo hello from $(hostname); ls /host-logs >/dev/null && echo"
                                + " sees host logs; exec sleep 100000"))) {
            String image = cluster.image();
            cluster.apply("""
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: agent, namespace: default}
                        spec:
                          selector: {matchLabels: {app: agent}}
                          template:
                            metadata: {labels: {app: agent}}
                            spec:
                              containers:
                              - name: agent
                                image: %s
                                volumeMounts: [{name: logs, mountPath: /host-logs, readOnly: true}]
                              volumes: [{name: logs, hostPath: {path: /var/log}}]
                        """.formatted(image));
            cluster.awaitReady("default", "agent", 2);
            List<String> pods = cluster.pods("default", "app=agent");
            assertThat(pods).hasSize(2);
            for (String pod : pods) {
                cluster.awaitDescribing(
                        "default",
                        () -> assertThat(cluster.kubectl("logs", pod))
                                .contains("hello from " + pod)
                                .contains("sees host logs"));
                assertThat(cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.status.podIP}"))
                        .startsWith("10.244.");
                assertThat(cluster.kubectl("get", "pod", pod, "-o", "jsonpath={.status.containerStatuses[0].imageID}"))
                        .startsWith(cluster.registryHost() + "/demo/agent@sha256:");
            }
        }
    }
}
