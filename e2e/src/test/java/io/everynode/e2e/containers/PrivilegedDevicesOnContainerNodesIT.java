package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.testkit.images.OciImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A privileged DaemonSet's container gets the host's devices (as the kubelet's runtimes give
 * them), an unprivileged one only containerd's default few. The device looked for is a loop
 * device (or {@code /dev/kmsg}): on the host, and never among the defaults.
 */
class PrivilegedDevicesOnContainerNodesIT {
    @TempDir
    Path dir;

    @Test
    void aPrivilegedDaemonSetPodSeesTheHostsDevicesAndAnUnprivilegedOneDoesNot() throws Exception {
        ContainerCluster.assumeAvailable();
        String device = List.of("/dev/loop0", "/dev/kmsg").stream()
                .filter(d -> Files.exists(Path.of(d)))
                .findFirst()
                .orElse(null);
        assumeTrue(device != null, "the host has neither /dev/loop0 nor /dev/kmsg");
        try (ContainerCluster cluster = ContainerCluster.upWithImage(
                1,
                dir,
                "demo/devices",
                "1",
                OciImage.busybox(
                        "sh",
                        "-c",
                        "if test -e " + device + "; then echo 'device present'; else echo 'device absent'; fi;"
                                + " exec sleep 100000"))) {
            String image = cluster.image();
            cluster.apply(daemonSet("privileged", image, true) + "---\n" + daemonSet("plain", image, false));
            cluster.awaitReady("default", "privileged", 1);
            cluster.awaitReady("default", "plain", 1);
            String privileged = cluster.pods("default", "app=privileged").get(0);
            String plain = cluster.pods("default", "app=plain").get(0);
            assertThat(cluster.awaitLogLine("default", privileged, "device ")).contains("device present");
            assertThat(cluster.awaitLogLine("default", plain, "device ")).contains("device absent");
        }
    }

    private static String daemonSet(String name, String image, boolean privileged) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: %1$s, namespace: default}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers:
                      - name: probe
                        image: %2$s
                        securityContext: {privileged: %3$s}
                """.formatted(name, image, privileged);
    }
}
