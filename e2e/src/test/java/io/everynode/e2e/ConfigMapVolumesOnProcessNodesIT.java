package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's ConfigMap and Secret acceptance on process nodes: a fluent-bit-like DaemonSet of the
 * project's own (a shell-script image) reads its configuration file from a ConfigMap volume and a
 * token from a Secret env var, then a {@code kubectl apply} of a changed ConfigMap reaches the
 * file inside every running container within a minute, without a restart (the kubelet's atomic
 * swap of the volume's {@code ..data} link, seen through the container's bind mount).
 *
 * <p>The script prints the token once and the configuration file whenever it changes; the test
 * reads both back with {@code kubectl logs}. The mount point is a directory the test makes on the
 * node (the process runtime creates no mount points on the host).
 */
class ConfigMapVolumesOnProcessNodesIT {
    static final String NS = "shipping";
    static final String IMAGE = "everynode-e2e/log-shipper:1";
    static final List<String> NODES = List.of("node-1", "node-2");
    static final String SCRIPT = """
            #!/bin/sh
            # a log shipper stand-in: its token from the environment, its configuration from a file
            echo "token: $SHIPPER_TOKEN"
            last=""
            while :; do
              current=$(cat "$SHIPPER_CONFIG_DIR/shipper.conf" 2>&1)
              if [ "$current" != "$last" ]; then
                echo "$current" | sed 's/^/config| /'
                last="$current"
              fi
              sleep 1
            done
            """;

    static GuideCluster cluster;
    static Path mountPoint;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.upProcess(NODES.size(), dir);
        mountPoint = Files.createDirectories(dir.resolve("shipper-etc"));
        LocalImages.script(cluster.images(), IMAGE, SCRIPT, dir.resolve("images-src"));
        cluster.namespace(NS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static String configMap(String host) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shipper-config
                  namespace: shipping
                data:
                  shipper.conf: |
                    [OUTPUT]
                        Name  forward
                        Host  %s
                """.formatted(host);
    }

    private static String secretAndDaemonSet() {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shipper-credentials
                  namespace: shipping
                type: Opaque
                data:
                  token: %s
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: shipper
                  namespace: shipping
                spec:
                  selector:
                    matchLabels:
                      app: shipper
                  template:
                    metadata:
                      labels:
                        app: shipper
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                      - name: shipper
                        image: %s
                        env:
                        - name: SHIPPER_CONFIG_DIR
                          value: %s
                        - name: SHIPPER_TOKEN
                          valueFrom:
                            secretKeyRef:
                              name: shipper-credentials
                              key: token
                        volumeMounts:
                        - name: config
                          mountPath: %s
                      volumes:
                      - name: config
                        configMap:
                          name: shipper-config
                """.formatted(
                        Base64.getEncoder().encodeToString("s3cr3t-v1".getBytes(StandardCharsets.UTF_8)),
                        IMAGE,
                        mountPoint,
                        mountPoint);
    }

    @Test
    void theShipperReadsItsConfigFileAndSecretAndAnAppliedChangeReachesTheRunningContainers() {
        assertThat(cluster.apply(configMap("logs-v1.example"))).isEqualTo("configmap/shipper-config created\n");
        assertThat(cluster.apply(secretAndDaemonSet()))
                .isEqualTo("secret/shipper-credentials created\ndaemonset.apps/shipper created\n");
        cluster.awaitOneReadyPodOn(NS, "shipper", NODES);
        for (String node : NODES) {
            Pod pod = cluster.podOn(NS, "shipper", node);
            await().atMost(GuideCluster.WAIT)
                    .untilAsserted(() -> assertThat(logs(pod))
                            .contains("token: s3cr3t-v1\n", "config|     Host  logs-v1.example\n"));
        }

        assertThat(cluster.apply(configMap("logs-v2.example"))).isEqualTo("configmap/shipper-config configured\n");

        for (String node : NODES) {
            Pod pod = cluster.podOn(NS, "shipper", node);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(logs(pod)).contains("config|     Host  logs-v2.example\n"));
            assertThat(cluster.kubectl(
                            "get",
                            "pod",
                            "-n",
                            NS,
                            pod.getMetadata().getName(),
                            "-o",
                            "jsonpath={.status.containerStatuses[0].restartCount}"))
                    .as("the update reached the running container, which was not restarted")
                    .isEqualTo("0");
        }
        try (var files = Files.list(mountPoint)) {
            assertThat(files)
                    .as("the node's mount point is untouched: the volume is mounted over it")
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String logs(Pod pod) {
        return cluster.kubectl("logs", "-n", NS, pod.getMetadata().getName());
    }
}
